using HitPredictor.Training.Calibration;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Turns an engine's raw output into a <see cref="TierPrediction"/> through the package's
/// <see cref="MemberCalibration"/>: calibrated probabilities, the tier its decision rule shows and the prediction
/// set. A track without a genre is scored once per genre the model knows; the calibrated distributions are averaged,
/// weighted by each genre's share of the training tracks, and the tier and set are taken from that average.
/// </summary>
public static class TierPredictor
{
    public static TierPrediction Predict(ModelPackage package, PredictionEngine<ModelInput, ModelOutput> engine, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Predict(engine, package.Card, package.Calibration, input);
    }

    public static TierPrediction Predict(
        PredictionEngine<ModelInput, ModelOutput> engine, ModelCard card, MemberCalibration calibration, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(input);

        if (!PredictionCost.IsGenreAveraged(input))
        {
            return From(calibration.Apply(engine.Predict(input).Probabilities), calibration, genreAveraged: false, card.Version);
        }

        var sum = new double[TierCutoffs.All.Count];
        var weights = 0.0;
        var probe = input.Clone();
        foreach (var (genre, share) in card.GenreShares)
        {
            probe.Genre = genre;
            var probabilities = calibration.Calibrator.Calibrate(engine.Predict(probe).Probabilities);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += share * probabilities[i];
            }

            weights += share;
        }

        return From(calibration.Decide([.. sum.Select(s => s / weights)]), calibration, genreAveraged: true, card.Version);
    }

    private static TierPrediction From(CalibratedScore score, MemberCalibration calibration, bool genreAveraged, string version) =>
        new(score.Tier, TierCutoffs.All.ToDictionary(t => t.ToString(), t => score.Probabilities[(int)t]), genreAveraged, version)
        {
            PredictionSet = new PredictionSet(calibration.Sets.Level, [.. score.Set.Select(t => t.ToString())]),
        };
}
