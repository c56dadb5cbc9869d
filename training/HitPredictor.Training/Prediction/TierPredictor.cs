using HitPredictor.Training.Calibration;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Scores a validated track through the package's <see cref="ModelFamily"/>: the member that uses the most of what the
/// track gives answers, through its own <see cref="MemberCalibration"/> (calibrated probabilities, the tier its decision
/// rule shows and the prediction set), with the features it reads but the track left out integrated out
/// (<see cref="ModelFamily.Score"/>). A complete track goes through the main model's prediction engine. For a package
/// trained before the family, a track without a genre is scored once per genre the model knows and the calibrated
/// distributions are averaged, weighted by each genre's share of the training tracks.
/// </summary>
public static class TierPredictor
{
    public static TierPrediction Predict(ModelPackage package, PredictionEngine<ModelInput, ModelOutput> engine, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Predict(engine, package.Family, input);
    }

    public static TierPrediction Predict(PredictionEngine<ModelInput, ModelOutput> engine, ModelFamily family, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(input);

        var choice = family.Choose(input);
        var member = choice.Member;
        if (!family.AcceptsPartialInput && string.IsNullOrEmpty(input.Genre))
        {
            return From(GenreAveraged(engine, family.Card, member.Calibration, input), choice, genreAveraged: true, family.Card.Version);
        }

        var score = member == family.Main && choice.Gaps.Count == 0
            ? member.Calibration.Apply(engine.Predict(input).Probabilities)
            : family.Score(choice, input);
        return From(score, choice, genreAveraged: false, family.Card.Version);
    }

    private static CalibratedScore GenreAveraged(
        PredictionEngine<ModelInput, ModelOutput> engine, ModelCard card, MemberCalibration calibration, ModelInput input)
    {
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

        return calibration.Decide([.. sum.Select(s => s / weights)]);
    }

    private static TierPrediction From(CalibratedScore score, MemberChoice choice, bool genreAveraged, string version) =>
        new(score.Tier, TierCutoffs.All.ToDictionary(t => t.ToString(), t => score.Probabilities[(int)t]), genreAveraged, version)
        {
            PredictionSet = new PredictionSet(choice.Member.Calibration.Sets.Level, [.. score.Set.Select(t => t.ToString())]),
            Missing = choice.Missing,
            Model = choice.Member.Name,
        };
}
