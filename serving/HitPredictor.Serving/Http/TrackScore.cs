using System.Text.Json.Serialization;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Serving.Http;

/// <summary>
/// One track's answer: <c>{"tier":"Hit","probabilities":{...},"genreAveraged":false,"modelVersion":"...",
/// "predictionSet":{"level":0.9,"tiers":["Hit","Mid"]},"missing":["genre"],"model":"no-genre"}</c>; probabilities calibrated,
/// set tiers most probable first, <c>missing</c> the inputs the track did not give and <c>model</c> the family member that answered.
/// </summary>
public sealed record TrackScore(string Tier, IReadOnlyDictionary<string, double> Probabilities, bool GenreAveraged, string ModelVersion)
{
    public PredictionSet PredictionSet { get; init; } = PredictionSet.Empty;

    /// <summary>The inputs the track did not give (<c>genre</c>, <c>key</c>, ...); empty when it gave them all.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>The member of the model family that answered (<c>full</c>, <c>no-genre</c>, <c>audio</c>, <c>audio-no-genre</c>).</summary>
    public string Model { get; init; } = "";

    /// <summary>With <c>?explain=true</c>: the Shapley contributions and genre benchmark; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackExplanation? Explanation { get; init; }

    /// <summary>With <c>?explain=true</c>, why a track has no explanation (no genre given); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExplanationNote { get; init; }

    public static TrackScore From(TierPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return new TrackScore(prediction.Tier.ToString(), prediction.Probabilities, prediction.GenreAveraged, prediction.ModelVersion)
        {
            PredictionSet = prediction.PredictionSet,
            Missing = prediction.Missing,
            Model = prediction.Model,
        };
    }
}

/// <summary>A batch's answer, in input order: <c>{"modelVersion":"...","count":N,"results":[...]}</c>.</summary>
public sealed record BatchScore(string ModelVersion, int Count, IReadOnlyList<TrackScore> Results);

/// <summary>
/// <c>GET /api/health</c> when a model is loaded: <see cref="Status"/> is <c>fallback</c> (and <see cref="Fallback"/> says
/// which version was skipped and why) when the live version is not the one <c>current.json</c> names.
/// </summary>
public sealed record HealthReport(string Status, string ModelVersion, DateTimeOffset LoadedAt, string? LastError, ModelFallback? Fallback = null);
