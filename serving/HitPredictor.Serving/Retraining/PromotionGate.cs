using System.Globalization;
using HitPredictor.Training.Evaluation;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Champion/challenger, as a pure function of the figures <see cref="FairComparison"/> measured. A candidate never goes
/// live unless it beats the majority baseline on both macro-F1 and accuracy; when a live model exists, the candidate's
/// macro-F1 must also be no more than the tolerance below the live model's, and its accuracy not below it. The rule
/// starts with how the compared rows were chosen, and the reason names them.
/// </summary>
public static class PromotionGate
{
    public static GateDecision Decide(
        ModelFigures candidate, ModelFigures? live, ComparisonReport? comparison, BaselineMetrics baseline, double macroF1Tolerance)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        if ((live is null) != (comparison is null))
        {
            throw new ArgumentException("A live model's figures come with the comparison that measured them, and only then.", nameof(comparison));
        }

        var rule = live is null
            ? $"No live model: the candidate is promoted only if its macro-F1 and its accuracy both beat the majority baseline (always '{baseline.Tier}') on its held-out split."
            : $"{comparison!.Description} " +
              Invariant($"The candidate is promoted only if it beats the majority baseline (always '{baseline.Tier}') on macro-F1 and accuracy, ") +
              Invariant($"its macro-F1 is not lower than the live model's by more than {macroF1Tolerance}, and its accuracy is not lower than the live model's.");

        var failures = new List<string>();
        if (candidate.MacroF1 <= baseline.MacroF1)
        {
            failures.Add(Invariant($"macro-F1 {candidate.MacroF1:0.0000} does not beat the majority baseline's {baseline.MacroF1:0.0000}"));
        }

        if (candidate.Accuracy <= baseline.Accuracy)
        {
            failures.Add(Invariant($"accuracy {candidate.Accuracy:0.0000} does not beat the majority baseline's {baseline.Accuracy:0.0000}"));
        }

        if (live is not null)
        {
            if (candidate.MacroF1 < live.MacroF1 - macroF1Tolerance)
            {
                failures.Add(Invariant(
                    $"macro-F1 {candidate.MacroF1:0.0000} is {live.MacroF1 - candidate.MacroF1:0.0000} below the live model's {live.MacroF1:0.0000} (tolerance {macroF1Tolerance})"));
            }

            if (candidate.Accuracy < live.Accuracy)
            {
                failures.Add(Invariant($"accuracy {candidate.Accuracy:0.0000} is below the live model's {live.Accuracy:0.0000}"));
            }
        }

        var basis = comparison is null ? "" : $" ({comparison.Basis()})";
        if (failures.Count > 0)
        {
            return new GateDecision(false, $"Kept the live model{basis}: the candidate's {string.Join("; ", failures)}.", rule);
        }

        var reason = live is null
            ? Invariant($"Promoted the first model: macro-F1 {candidate.MacroF1:0.0000} and accuracy {candidate.Accuracy:0.0000} beat the majority baseline's {baseline.MacroF1:0.0000} and {baseline.Accuracy:0.0000}.")
            : Invariant($"Promoted{basis}: macro-F1 {candidate.MacroF1:0.0000} against the live model's {live.MacroF1:0.0000}, accuracy {candidate.Accuracy:0.0000} against {live.Accuracy:0.0000}, both above the majority baseline.");
        return new GateDecision(true, reason, rule);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
