using System.Text.Json.Serialization;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// The tier shown: the tier with the largest weighted calibrated probability, weight_k · p_k. The probabilities
/// themselves are not changed. The weights are chosen on the calibration tracks: the best accuracy + macro-F1 among
/// weightings whose Viral recall reaches a floor (all weights 1 is plain arg-max).
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

    /// <summary>Grid search over the Viral, Hit and Mid weights on the calibration tracks' calibrated probabilities.</summary>
    public static DecisionRule Fit(IReadOnlyList<double[]> calibrated, IReadOnlyList<Tier> actual, double minViralRecall)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        ArgumentNullException.ThrowIfNull(actual);
        var viralGrid = Grid(1.0, 5.0, 0.1);
        var otherGrid = Grid(0.8, 1.3, 0.05);
        DecisionRule? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var viral in viralGrid)
        {
            foreach (var hit in otherGrid)
            {
                foreach (var mid in otherGrid)
                {
                    var rule = new DecisionRule([viral, hit, mid, 1]);
                    var (accuracy, macroF1, viralRecall) = Measure(rule, calibrated, actual);
                    if (viralRecall < minViralRecall)
                    {
                        continue;
                    }

                    if (accuracy + macroF1 > bestScore + 1e-12)
                    {
                        (best, bestScore) = (rule, accuracy + macroF1);
                    }
                }
            }
        }

        return best ?? ArgMax;
    }

    private static (double Accuracy, double MacroF1, double ViralRecall) Measure(
        DecisionRule rule, IReadOnlyList<double[]> calibrated, IReadOnlyList<Tier> actual)
    {
        var n = TierCutoffs.All.Count;
        var counts = new int[n, n];
        for (var i = 0; i < actual.Count; i++)
        {
            counts[(int)actual[i], (int)rule.Choose(calibrated[i])]++;
        }

        var correct = 0;
        var f1Sum = 0.0;
        var viralRecall = 0.0;
        for (var t = 0; t < n; t++)
        {
            correct += counts[t, t];
            var support = 0;
            var predicted = 0;
            for (var o = 0; o < n; o++)
            {
                support += counts[t, o];
                predicted += counts[o, t];
            }

            var precision = predicted == 0 ? 0 : (double)counts[t, t] / predicted;
            var recall = support == 0 ? 0 : (double)counts[t, t] / support;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (t == (int)Tier.Viral)
            {
                viralRecall = recall;
            }
        }

        return ((double)correct / actual.Count, f1Sum / n, viralRecall);
    }

    private static double[] Grid(double from, double to, double step) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + i * step, 4))];
}
