using System.Globalization;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Chooses the rows a candidate and the live model are compared on, and measures both there. The candidate never
/// trained on its own held-out split; of those rows, the ones whose key the live model's package does not list
/// (<see cref="ModelPackage.TrainingKeys"/>) are new to both. When at least <c>MinComparisonRows</c> remain, both models
/// are measured on them, each through its own calibration (<see cref="ComparisonMethod.UnseenByBoth"/>). Otherwise, or
/// when the live package does not record what it trained on, each model is judged on its own held-out split: the live
/// model's card figures against the candidate's (<see cref="ComparisonMethod.OwnHeldOut"/>). The live model is never
/// scored on a track it trained on.
/// </summary>
public static class FairComparison
{
    public static ComparedFigures Measure(MLContext ml, ModelPackage candidate, DataSplit candidateSplit, ModelPackage live, int minRows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(candidateSplit);
        ArgumentNullException.ThrowIfNull(live);
        var heldOut = candidateSplit.Test;
        var ownF1 = live.Card.Metrics.MacroF1;
        var keys = live.TrainingKeys;
        if (keys is null)
        {
            return OwnHeldOut(candidate, heldOut.Count, live, seenByLive: null,
                "The live model's package does not record which tracks it trained on (it was saved before training keys existed)");
        }

        var unseen = heldOut.Where(t => !keys.Contains(t.Track)).ToArray();
        var seen = heldOut.Count - unseen.Length;
        if (unseen.Length < minRows)
        {
            return OwnHeldOut(candidate, heldOut.Count, live, seen, Invariant(
                $"Only {unseen.Length:N0} of the candidate's {heldOut.Count:N0} held-out tracks are new to the live model ({seen:N0} are in its training data), fewer than the {minRows:N0} needed ({RetrainingOptions.SectionName}:{nameof(RetrainingOptions.MinComparisonRows)})"));
        }

        var candidateFigures = Figures(candidate.Card.Version, HoldoutEvaluator.Evaluate(ml, candidate, unseen).Metrics);
        var liveFigures = Figures(live.Card.Version, HoldoutEvaluator.Evaluate(ml, live, unseen).Metrics);
        var baseline = MetricsCalculator.Baseline([.. candidateSplit.Train.Select(t => t.Tier)], [.. unseen.Select(t => t.Tier)]);
        var shift = liveFigures.MacroF1 - ownF1;
        return new ComparedFigures(candidateFigures, liveFigures, baseline, new ComparisonReport
        {
            Method = ComparisonMethod.UnseenByBoth,
            RowsCompared = unseen.Length,
            CandidateHeldOutRows = heldOut.Count,
            SeenByLive = seen,
            LiveOwnHeldOutMacroF1 = ownF1,
            LiveShift = shift,
            Description = Invariant(
                $"Both models were measured on the {unseen.Length:N0} of the candidate's {heldOut.Count:N0} held-out tracks that the live model never trained on ({seen:N0} it trained on were left out); the live model's macro-F1 there is {liveFigures.MacroF1:0.000} against {ownF1:0.000} on its own held-out split (shift {shift:+0.000;-0.000;0.000})."),
        });
    }

    private static ComparedFigures OwnHeldOut(ModelPackage candidate, int heldOutRows, ModelPackage live, int? seenByLive, string why)
    {
        var card = candidate.Card;
        var liveCard = live.Card;
        var candidateFigures = new ModelFigures(card.Version, card.Metrics.Accuracy, card.Metrics.MacroF1, card.Metrics.LogLoss, heldOutRows);
        var liveFigures = new ModelFigures(liveCard.Version, liveCard.Metrics.Accuracy, liveCard.Metrics.MacroF1, liveCard.Metrics.LogLoss, liveCard.Split.TestRows);
        return new ComparedFigures(candidateFigures, liveFigures, card.Metrics.MajorityBaseline, new ComparisonReport
        {
            Method = ComparisonMethod.OwnHeldOut,
            RowsCompared = heldOutRows,
            CandidateHeldOutRows = heldOutRows,
            SeenByLive = seenByLive,
            LiveOwnHeldOutMacroF1 = liveCard.Metrics.MacroF1,
            Description = Invariant(
                $"{why}, so each model is judged on its own held-out split: the live model's card figures ({liveCard.Split.TestRows:N0} rows) against the candidate's ({heldOutRows:N0} rows)."),
        });
    }

    private static ModelFigures Figures(string version, EvaluationMetrics metrics) =>
        new(version, metrics.Accuracy, metrics.MacroF1, metrics.LogLoss, metrics.Rows);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
