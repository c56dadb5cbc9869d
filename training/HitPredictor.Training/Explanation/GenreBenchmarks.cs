using System.Text.Json;
using System.Text.Json.Serialization;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Explanation;

/// <summary>
/// What the training tracks of each genre look like, per numeric feature: the genre's typical track (each feature's
/// median over all its training tracks, the reference an explanation is measured against) and the quantiles of each
/// feature among the genre's training tracks that reached Viral or Hit (from which a track's percentile is read).
/// Learnt from the training side of the split only; saved inside model.zip as the part <see cref="PartName"/>.
/// Immutable and thread-safe.
/// </summary>
public sealed class GenreBenchmarks
{
    /// <summary>The package part holding the benchmarks.</summary>
    public const string PartName = "benchmarks.json";

    /// <summary>Quantiles stored per feature: every 5 %, from the minimum (0 %) to the maximum (100 %).</summary>
    public const int QuantileCount = 21;

    /// <summary>The tiers whose tracks a percentile is read against.</summary>
    public static IReadOnlyList<Tier> BenchmarkTiers { get; } = [Tier.Viral, Tier.Hit];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonConstructor]
    public GenreBenchmarks(IReadOnlyList<string> features, IReadOnlyDictionary<string, GenreBenchmark> genres)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(genres);
        Features = features;
        Genres = genres;
    }

    /// <summary>The numeric features, in the order of every per-feature array.</summary>
    public IReadOnlyList<string> Features { get; }

    public IReadOnlyDictionary<string, GenreBenchmark> Genres { get; }

    /// <summary>Learns every genre's typical track and Viral-or-Hit quantiles from the training side.</summary>
    public static GenreBenchmarks Learn(IEnumerable<LabelledTrack> training, FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(features);
        var genres = training
            .GroupBy(t => t.Track.Genre, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Learn([.. g], features.Numeric), StringComparer.Ordinal);
        return new GenreBenchmarks([.. features.Numeric.Select(f => f.Name)], genres);
    }

    private static GenreBenchmark Learn(IReadOnlyList<LabelledTrack> tracks, IReadOnlyList<NumericFeature> features)
    {
        var hits = tracks.Where(t => BenchmarkTiers.Contains(t.Tier)).ToArray();
        return new GenreBenchmark(
            tracks.Count,
            [.. features.Select(f => Quantile(Sorted(tracks, f), 0.5))],
            hits.Length,
            hits.Length == 0 ? [] : [.. features.Select(f => Quantiles(Sorted(hits, f)))]);
    }

    private static float[] Sorted(IReadOnlyList<LabelledTrack> tracks, NumericFeature feature)
    {
        var values = tracks.Select(t => feature.ValueOf(t.Track)).ToArray();
        Array.Sort(values);
        return values;
    }

    private static float[] Quantiles(float[] sorted) =>
        [.. Enumerable.Range(0, QuantileCount).Select(i => Quantile(sorted, (double)i / (QuantileCount - 1)))];

    /// <summary>Linear interpolation between order statistics (Hyndman-Fan type 7, as R and NumPy default).</summary>
    internal static float Quantile(float[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return (float)(sorted[low] + ((h - low) * (sorted[high] - sorted[low])));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static GenreBenchmarks FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<GenreBenchmarks>(json, Json) ?? throw new JsonException($"{PartName} is empty");

    /// <summary>The benchmarks stored in a package, or <see langword="null"/> for packages trained before explanations.</summary>
    public static GenreBenchmarks? From(PackageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.TryGet(PartName, out var json) ? FromJson(json) : null;
    }
}

/// <summary>
/// One genre's figures: <see cref="Typical"/> holds each feature's median over the genre's <see cref="Tracks"/> training
/// tracks; <see cref="HitQuantiles"/> holds, per feature, the <see cref="GenreBenchmarks.QuantileCount"/> quantiles over
/// its <see cref="HitTracks"/> Viral-or-Hit training tracks (empty when it has none).
/// </summary>
public sealed record GenreBenchmark(int Tracks, float[] Typical, int HitTracks, float[][] HitQuantiles)
{
    /// <summary>
    /// Where <paramref name="value"/> sits among the genre's Viral-or-Hit tracks for feature number <paramref name="feature"/>,
    /// 0-100: between two stored quantiles it is interpolated linearly; on a run of equal quantiles (a common value, e.g.
    /// mode 1) it is the run's middle, so a value shared by 40 % of the tracks reads as the middle of that 40 %.
    /// </summary>
    public double Percentile(int feature, float value)
    {
        var q = HitQuantiles[feature];
        var step = 100.0 / (q.Length - 1);
        if (value < q[0])
        {
            return 0;
        }

        if (value > q[^1])
        {
            return 100;
        }

        var first = Array.FindIndex(q, v => v >= value);
        if (q[first] == value)
        {
            var last = Array.FindLastIndex(q, v => v == value);
            return (first + last) / 2.0 * step;
        }

        var below = first - 1;
        return (below + ((value - q[below]) / (double)(q[first] - q[below]))) * step;
    }
}
