namespace HitPredictor.Training.Data;

/// <summary>
/// A column of the tracks CSV: its header name (as in the Spotify Tracks Dataset and in Spotify's
/// audio-features objects), the valid range, its unit, and how a value lands on a <see cref="TrackRecord"/>.
/// </summary>
public sealed class TrackColumn
{
    private TrackColumn(string name, double min, double max, string unit, bool integral)
    {
        Name = name;
        Min = min;
        Max = max;
        Unit = unit;
        Integral = integral;
    }

    public string Name { get; }
    public double Min { get; }
    public double Max { get; }
    public string Unit { get; }
    public bool Integral { get; }

    /// <summary>The range as people read it, with the unit: <c>0 to 300 BPM</c>, <c>-1 to 11</c>.</summary>
    public string RangeText => string.IsNullOrEmpty(Unit)
        ? FormattableString.Invariant($"{Min} to {Max}")
        : FormattableString.Invariant($"{Min} to {Max} {Unit}");

    public bool InRange(double value) => value >= Min && value <= Max;

    public static readonly TrackColumn Popularity = new("popularity", 0, 100, "", integral: true);
    public static readonly TrackColumn DurationMs = new("duration_ms", 0, 10_000_000, "ms", integral: false);
    public static readonly TrackColumn Explicit = new("explicit", 0, 1, "", integral: true);
    public static readonly TrackColumn Danceability = Unit01("danceability");
    public static readonly TrackColumn Energy = Unit01("energy");
    public static readonly TrackColumn Key = new("key", -1, 11, "", integral: true);
    public static readonly TrackColumn Loudness = new("loudness", -60, 5, "dB", integral: false);
    public static readonly TrackColumn Mode = new("mode", 0, 1, "", integral: true);
    public static readonly TrackColumn Speechiness = Unit01("speechiness");
    public static readonly TrackColumn Acousticness = Unit01("acousticness");
    public static readonly TrackColumn Instrumentalness = Unit01("instrumentalness");
    public static readonly TrackColumn Liveness = Unit01("liveness");
    public static readonly TrackColumn Valence = Unit01("valence");
    public static readonly TrackColumn Tempo = new("tempo", 0, 300, "BPM", integral: false);
    public static readonly TrackColumn TimeSignature = new("time_signature", 0, 7, "", integral: true);

    public const string TrackId = "track_id";
    public const string Artists = "artists";
    public const string AlbumName = "album_name";
    public const string TrackName = "track_name";
    public const string Genre = "track_genre";

    /// <summary>Every numeric column, in the dataset's order.</summary>
    public static IReadOnlyList<TrackColumn> Numeric { get; } =
    [
        Popularity, DurationMs, Explicit, Danceability, Energy, Key, Loudness, Mode,
        Speechiness, Acousticness, Instrumentalness, Liveness, Valence, Tempo, TimeSignature,
    ];

    private static TrackColumn Unit01(string name) => new(name, 0, 1, "", integral: false);

    public override string ToString() => Name;
}
