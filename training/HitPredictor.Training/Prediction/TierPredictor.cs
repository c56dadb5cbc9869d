using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Turns an engine's raw output into a <see cref="TierPrediction"/>. A track without a genre is scored once
/// per genre the model knows, and the probabilities are averaged, weighted by each genre's share of the
/// training tracks.
/// </summary>
public static class TierPredictor
{
    public static TierPrediction Predict(PredictionEngine<ModelInput, ModelOutput> engine, ModelCard card, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(input);

        if (!string.IsNullOrEmpty(input.Genre))
        {
            return From(engine.Predict(input).Probabilities, genreAveraged: false, card.Version);
        }

        var sum = new double[TierCutoffs.All.Count];
        var weights = 0.0;
        var probe = input.Clone();
        foreach (var (genre, share) in card.GenreShares)
        {
            probe.Genre = genre;
            var probabilities = engine.Predict(probe).Probabilities;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += share * probabilities[i];
            }

            weights += share;
        }

        return From([.. sum.Select(s => (float)(s / weights))], genreAveraged: true, card.Version);
    }

    private static TierPrediction From(float[] probabilities, bool genreAveraged, string version)
    {
        var total = probabilities.Sum(p => (double)p);
        var normalised = TierCutoffs.All.ToDictionary(
            t => t.ToString(), t => total > 0 ? probabilities[(int)t] / total : 1.0 / probabilities.Length);
        return new TierPrediction(MetricsCalculator.ArgMax(probabilities), normalised, genreAveraged, version);
    }
}
