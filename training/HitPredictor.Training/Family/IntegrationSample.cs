using System.Text.Json;
using System.Text.Json.Serialization;
using HitPredictor.Training.Data;

namespace HitPredictor.Training.Family;

/// <summary>
/// Real training tracks' joint values of every feature a track may leave out (<see cref="ModelFamily.Knowable"/>): up
/// to <see cref="Count"/> tracks per genre, and as many drawn from all genres, chosen by a seeded shuffle. A gap in a
/// track is integrated out by averaging the answering member's calibrated output over these rows (the genre's own rows
/// when the track names one), so the missing values keep the correlations real tracks have. Saved inside model.zip as
/// the part <see cref="PartName"/>, about 15 KB per genre.
/// </summary>
public sealed class IntegrationSample
{
    public const string PartName = "integration.json";

    /// <summary>Rows per group: the most forest evaluations a track with gaps costs.</summary>
    public const int DefaultCount = 32;

    private const string AnyGenre = "";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IReadOnlyDictionary<string, float[][]> _rows;

    private IntegrationSample(int count, int seed, IReadOnlyDictionary<string, float[][]> rows)
    {
        Count = count;
        Seed = seed;
        _rows = rows;
    }

    /// <summary>Most rows per group.</summary>
    public int Count { get; }

    public int Seed { get; }

    /// <summary>Genres with their own rows.</summary>
    public IEnumerable<string> Genres => _rows.Keys.Where(k => k.Length > 0);

    /// <summary>
    /// The rows to average over for a track of <paramref name="genre"/> (empty: unknown), each holding the
    /// <see cref="ModelFamily.Knowable"/> values in that order: the genre's rows, or those drawn from all genres.
    /// </summary>
    public IReadOnlyList<float[]> RowsFor(string genre) =>
        genre.Length > 0 && _rows.TryGetValue(genre, out var own) ? own : _rows[AnyGenre];

    /// <summary>Draws the sample from <paramref name="training"/>: per genre and overall, a seeded shuffle's first <paramref name="count"/> tracks.</summary>
    public static IntegrationSample Draw(IReadOnlyList<TrackRecord> training, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        var rows = new Dictionary<string, float[][]>(StringComparer.Ordinal) { [AnyGenre] = Take(training, count, random) };
        foreach (var genre in training.GroupBy(t => t.Genre, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows[genre.Key] = Take([.. genre], count, random);
        }

        return new IntegrationSample(count, seed, rows);
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        new Stored(Count, Seed, [.. ModelFamily.Knowable.Select(f => f.Name)], _rows), Json);

    public static IntegrationSample FromJson(ReadOnlySpan<byte> json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new JsonException($"{PartName} is empty");
        if (!stored.Fields.SequenceEqual(ModelFamily.Knowable.Select(f => f.Name)) || !stored.Rows.ContainsKey(AnyGenre)
            || stored.Rows.Values.Any(group => group.Length == 0 || group.Any(row => row.Length != stored.Fields.Count)))
        {
            throw new JsonException($"{PartName} does not hold rows of [{string.Join(", ", ModelFamily.Knowable)}] for every genre and for all genres");
        }

        return new IntegrationSample(stored.Count, stored.Seed, new Dictionary<string, float[][]>(stored.Rows, StringComparer.Ordinal));
    }

    private static float[][] Take(IReadOnlyList<TrackRecord> tracks, int count, Random random)
    {
        var order = Enumerable.Range(0, tracks.Count).ToArray();
        random.Shuffle(order);
        return [.. order.Take(count).Select(i => ModelFamily.Knowable.Select(f => f.ValueOf(tracks[i])).ToArray())];
    }

    private sealed record Stored(
        int Count, int Seed, IReadOnlyList<string> Fields, [property: JsonPropertyName("rows")] IReadOnlyDictionary<string, float[][]> Rows);
}
