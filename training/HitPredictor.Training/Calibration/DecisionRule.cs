using System.Text.Json.Serialization;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// The tier shown: the tier with the largest weighted calibrated probability, weight_k · p_k. The probabilities
/// themselves are not changed. Only Viral's weight departs from 1, and only as far as the floor on Viral recall needs:
/// the smallest weight whose Viral recall on the calibration tracks reaches it (all weights 1 is plain arg-max). Arg-max
/// is the most accurate rule on calibrated probabilities, so this gives up the least accuracy; a weight per tier chosen
/// for accuracy + macro-F1 fitted the calibration tracks' noise and lost accuracy on held-out tracks (docs/model.md).
/// </summary>
public sealed class DecisionRule
{
    [JsonConstructor]
    public DecisionRule(double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Weights = weights;
    }

    public static DecisionRule ArgMax { get; } = new([1, 1, 1, 1]);

    /// <summary>One weight per tier, in tier order (Flop fixed at 1).</summary>
    public double[] Weights { get; }

    public Tier Choose(IReadOnlyList<double> calibrated)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var best = 0;
        for (var k = 1; k < calibrated.Count; k++)
        {
            if (Weight(k) * calibrated[k] > Weight(best) * calibrated[best])
            {
                best = k;
            }
        }

        return (Tier)best;
    }

    private double Weight(int k) => k < Weights.Length ? Weights[k] : 1;

    /// <summary>The smallest Viral weight (1 to 5 in steps of 0.05) whose Viral recall on the calibration tracks reaches the floor.</summary>
    public static DecisionRule Fit(IReadOnlyList<double[]> calibrated, IReadOnlyList<Tier> actual, double minViralRecall)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        ArgumentNullException.ThrowIfNull(actual);
        foreach (var viral in Grid(1.0, 5.0, 0.05))
        {
            var rule = new DecisionRule([viral, 1, 1, 1]);
            if (ViralRecall(rule, calibrated, actual) >= minViralRecall)
            {
                return rule;
            }
        }

        return new DecisionRule([5.0, 1, 1, 1]);
    }

    private static double ViralRecall(DecisionRule rule, IReadOnlyList<double[]> calibrated, IReadOnlyList<Tier> actual)
    {
        var viral = 0;
        var found = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] == Tier.Viral)
            {
                viral++;
                found += rule.Choose(calibrated[i]) == Tier.Viral ? 1 : 0;
            }
        }

        return viral == 0 ? 1 : (double)found / viral;
    }

    private static double[] Grid(double from, double to, double step) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + i * step, 4))];
}
