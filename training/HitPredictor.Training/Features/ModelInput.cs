using HitPredictor.Training.Data;
using HitPredictor.Training.Tiers;
using Microsoft.ML.Data;

namespace HitPredictor.Training.Features;

/// <summary>
/// A track as the ML.NET model sees it. Column names are the dataset's; a model reads only the columns its
/// <see cref="FeatureSet"/> names. <see cref="Label"/> is the tier name when training and empty when scoring.
/// </summary>
public sealed class ModelInput
{
    [ColumnName("danceability")] public float Danceability { get; set; }
    [ColumnName("energy")] public float Energy { get; set; }
    [ColumnName("loudness")] public float Loudness { get; set; }
    [ColumnName("tempo")] public float Tempo { get; set; }
    [ColumnName("speechiness")] public float Speechiness { get; set; }
    [ColumnName("acousticness")] public float Acousticness { get; set; }
    [ColumnName("instrumentalness")] public float Instrumentalness { get; set; }
    [ColumnName("liveness")] public float Liveness { get; set; }
    [ColumnName("valence")] public float Valence { get; set; }
    [ColumnName("duration_ms")] public float DurationMs { get; set; }
    [ColumnName("key")] public float Key { get; set; }
    [ColumnName("mode")] public float Mode { get; set; }
    [ColumnName("time_signature")] public float TimeSignature { get; set; }
    [ColumnName("explicit")] public float Explicit { get; set; }
    [ColumnName("track_genre")] public string Genre { get; set; } = "";
    [ColumnName("Label")] public string Label { get; set; } = "";

    public static ModelInput From(TrackRecord track, Tier? tier = null) => new()
    {
        Danceability = track.Danceability,
        Energy = track.Energy,
        Loudness = track.Loudness,
        Tempo = track.Tempo,
        Speechiness = track.Speechiness,
        Acousticness = track.Acousticness,
        Instrumentalness = track.Instrumentalness,
        Liveness = track.Liveness,
        Valence = track.Valence,
        DurationMs = track.DurationMs,
        Key = track.Key,
        Mode = track.Mode,
        TimeSignature = track.TimeSignature,
        Explicit = track.Explicit,
        Genre = track.Genre,
        Label = tier?.ToString() ?? "",
    };

    public ModelInput Clone() => (ModelInput)MemberwiseClone();
}
