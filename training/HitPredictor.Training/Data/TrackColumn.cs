using System.Globalization;

namespace HitPredictor.Training.Data;

/// <summary>
/// A numeric field of a track, the one source of its rule for every door (tracks CSV, JSON body, <c>predict</c>
/// flags and help, the page through the OpenAPI document at <c>GET /api/openapi.json</c>, the docs' table, checked by a test): its name (the
/// dataset's header, also the key of Spotify's audio-features objects), label, hint, unit, kind and range, and the
/// message a bad value gets. A value is checked against the <see cref="TrackRanges.Scoring"/> range wherever a track
/// is scored; rows of a training CSV may use the wider <see cref="TrackRanges.Training"/> range (only the duration
/// differs: the dataset holds a 0 ms row and tracks up to 87 minutes, which hygiene and tiering have always seen).
/// </summary>
public sealed class TrackColumn
{
    private TrackColumn(string name, string label, string help, double min, double max, string unit, TrackValueKind kind)
    {
        Name = name;
        Label = label;
        Help = help;
        Min = min;
        Max = max;
        TrainingMin = min;
        TrainingMax = max;
        Unit = unit;
        Kind = kind;
    }

    public string Name { get; }

    /// <summary>The field as people call it: <c>Danceability</c>, <c>Time signature</c>.</summary>
    public string Label { get; }

    /// <summary>One sentence on what the value means (the page's hint, the CLI's help).</summary>
    public string Help { get; }

    /// <summary>Lowest value a scored track may have.</summary>
    public double Min { get; }

    /// <summary>Highest value a scored track may have.</summary>
    public double Max { get; }

    /// <summary>Lowest value a training row may have (the same as <see cref="Min"/> but for the duration).</summary>
    public double TrainingMin { get; private init; }

    /// <summary>Highest value a training row may have (the same as <see cref="Max"/> but for the duration).</summary>
    public double TrainingMax { get; private init; }

    public string Unit { get; }

    public TrackValueKind Kind { get; }

    public bool Integral => Kind is TrackValueKind.WholeNumber or TrackValueKind.Flag;

    /// <summary>The scoring range as people read it, with the unit: <c>0 to 300 BPM</c>, <c>1,000 to 3,600,000 ms</c>.</summary>
    public string RangeText => RangeOf(Min, Max);

    /// <summary>What a value must look like, as every error message says it: a range, or <c>true/false or 1/0</c>.</summary>
    public string Expected => Kind == TrackValueKind.Flag ? "true/false or 1/0" : RangeText;

    public bool InRange(double value) => value >= Min && value <= Max;

    /// <summary>
    /// Why <paramref name="value"/> (already a finite number) is not acceptable under <paramref name="ranges"/>, or
    /// <see langword="null"/>. The same words through every door: <c>must be 0 to 300 BPM, got -4</c>.
    /// </summary>
    public string? Check(double value, TrackRanges ranges = TrackRanges.Scoring)
    {
        var (min, max) = ranges == TrackRanges.Training ? (TrainingMin, TrainingMax) : (Min, Max);
        if (Kind == TrackValueKind.Flag)
        {
            return value is 0 or 1 ? null : $"must be {Expected}, got {Format(value)}";
        }

        if (Integral && value != Math.Floor(value))
        {
            return $"must be a whole number ({Expected}), got {Format(value)}";
        }

        if (value >= min && value <= max)
        {
            return null;
        }

        if (ReferenceEquals(this, DurationMs) && ranges == TrackRanges.Scoring && value > 0 && value < min)
        {
            var hint = value < 60
                ? $"{Format(value)} looks like minutes: send {Format(Math.Round(value * 60_000))}"
                : $"{Format(value)} looks like seconds: send {Format(Math.Round(value * 1_000))}";
            return $"must be in milliseconds, {RangeText}; {hint}";
        }

        return $"must be {(ranges == TrackRanges.Training ? RangeOf(min, max) : Expected)}, got {Format(value)}";
    }

    /// <summary>A number as messages show it: invariant, shortest round-trip form (<c>-4</c>, <c>0.5</c>, <c>3600001</c>).</summary>
    public static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    public static readonly TrackColumn Popularity = new(
        "popularity", "Popularity", "Spotify popularity, the training label (not an input).", 0, 100, "", TrackValueKind.WholeNumber);

    public static readonly TrackColumn DurationMs = new(
        "duration_ms", "Duration", "Length of the track in milliseconds.", 1_000, 3_600_000, "ms", TrackValueKind.Number)
    {
        TrainingMin = 0,
        TrainingMax = 10_000_000,
    };

    public static readonly TrackColumn Explicit = new(
        "explicit", "Explicit lyrics", "Whether the lyrics are explicit; left out, the track counts as not explicit.", 0, 1, "", TrackValueKind.Flag);

    public static readonly TrackColumn Danceability = Fraction(
        "danceability", "Danceability", "How suitable for dancing: tempo, rhythm stability, beat strength.");

    public static readonly TrackColumn Energy = Fraction("energy", "Energy", "Intensity and activity: fast, loud, noisy.");

    public static readonly TrackColumn Key = new(
        "key", "Key", "Pitch class of the track's key: 0 = C, 1 = C#/Db, ... 11 = B; -1 = not detected.", -1, 11, "", TrackValueKind.WholeNumber);

    public static readonly TrackColumn Loudness = new(
        "loudness", "Loudness", "Average loudness of the whole track; most music is between -20 and -3 dB.", -60, 5, "dB", TrackValueKind.Number);

    public static readonly TrackColumn Mode = new("mode", "Mode", "Major (1) or minor (0).", 0, 1, "", TrackValueKind.WholeNumber);

    public static readonly TrackColumn Speechiness = Fraction(
        "speechiness", "Speechiness", "Spoken words: above 0.66 mostly speech, 0.33 to 0.66 rap and the like.");

    public static readonly TrackColumn Acousticness = Fraction("acousticness", "Acousticness", "Confidence that the track is acoustic.");

    public static readonly TrackColumn Instrumentalness = Fraction(
        "instrumentalness", "Instrumentalness", "Likelihood that the track has no vocals.");

    public static readonly TrackColumn Liveness = Fraction("liveness", "Liveness", "Likelihood of an audience: above 0.8 probably live.");

    public static readonly TrackColumn Valence = Fraction(
        "valence", "Valence", "Musical positiveness: cheerful (high) or sad, angry (low).");

    public static readonly TrackColumn Tempo = new("tempo", "Tempo", "Estimated beats per minute.", 0, 300, "BPM", TrackValueKind.Number);

    public static readonly TrackColumn TimeSignature = new(
        "time_signature", "Time signature", "Beats per bar (3 to 7 for 3/4 to 7/4); 0 = not detected.", 0, 7, "", TrackValueKind.WholeNumber);

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

    private static TrackColumn Fraction(string name, string label, string help) =>
        new(name, label, help, 0, 1, "", TrackValueKind.Fraction);

    private string RangeOf(double min, double max)
    {
        var range = $"{Thousands(min)} to {Thousands(max)}";
        return Unit.Length == 0 ? range : $"{range} {Unit}";
    }

    private static string Thousands(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    public override string ToString() => Name;
}
