using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// A track's tier shown, the calibrated probability of each tier (best tier first, summing to 1), its prediction
/// set, and the model that said so.
/// </summary>
public sealed record TierPrediction(
    Tier Tier,
    IReadOnlyDictionary<string, double> Probabilities,
    bool GenreAveraged,
    string ModelVersion)
{
    /// <summary>The tiers that together hold the true tier with the set's level of confidence, most probable first.</summary>
    public PredictionSet PredictionSet { get; init; } = PredictionSet.Empty;

    /// <summary>The inputs the track did not give (<c>genre</c>, <c>key</c>, ...), in schema order; empty when complete.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>The member of the model family that answered (<see cref="Family.FamilyMemberSpec"/>).</summary>
    public string Model { get; init; } = "";
}

/// <summary>A conformal prediction set: <see cref="Tiers"/> holds the true tier for a share <see cref="Level"/> of tracks.</summary>
public sealed record PredictionSet(double Level, IReadOnlyList<string> Tiers)
{
    public static PredictionSet Empty { get; } = new(0, []);
}
