namespace HitPredictor.Training.Data;

/// <summary>
/// One row of a tracks CSV, parsed. Numbers that were empty in the file are <see cref="float.NaN"/>
/// (or <see langword="null"/> for popularity), so hygiene can tell a missing value from a zero.
/// </summary>
public sealed record TrackRecord
{
    /// <summary>The 1-based line in the file where the row starts (the header is line 1).</summary>
    public required int LineNumber { get; init; }

    public string TrackId { get; init; } = "";
    public string Artists { get; init; } = "";
    public string AlbumName { get; init; } = "";
    public string TrackName { get; init; } = "";
    public string Genre { get; init; } = "";

    /// <summary>Spotify popularity 0-100; <see langword="null"/> when the file has none (unlabelled data).</summary>
    public int? Popularity { get; init; }

    public float DurationMs { get; init; } = float.NaN;
    public float Explicit { get; init; } = float.NaN;
    public float Danceability { get; init; } = float.NaN;
    public float Energy { get; init; } = float.NaN;
    public float Key { get; init; } = float.NaN;
    public float Loudness { get; init; } = float.NaN;
    public float Mode { get; init; } = float.NaN;
    public float Speechiness { get; init; } = float.NaN;
    public float Acousticness { get; init; } = float.NaN;
    public float Instrumentalness { get; init; } = float.NaN;
    public float Liveness { get; init; } = float.NaN;
    public float Valence { get; init; } = float.NaN;
    public float Tempo { get; init; } = float.NaN;
    public float TimeSignature { get; init; } = float.NaN;
}
