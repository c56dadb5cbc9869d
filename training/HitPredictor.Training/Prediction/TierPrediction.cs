using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Prediction;

/// <summary>A track's predicted tier, the probability of each tier (best tier first, summing to 1), and the model that said so.</summary>
public sealed record TierPrediction(
    Tier Tier,
    IReadOnlyDictionary<string, double> Probabilities,
    bool GenreAveraged,
    string ModelVersion);
