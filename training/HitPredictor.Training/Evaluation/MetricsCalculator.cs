using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Evaluation;

/// <summary>Classification figures from true tiers and predicted probabilities (in <see cref="Tier"/> order).</summary>
public static class MetricsCalculator
{
    private const double ProbabilityFloor = 1e-15;

    public static EvaluationMetrics Compute(IReadOnlyList<Tier> actual, IReadOnlyList<float[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (actual.Count != probabilities.Count || actual.Count == 0)
        {
            throw new ArgumentException("need one probability vector per track, and at least one track");
        }

        return Compute(actual, probabilities, [.. probabilities.Select(ArgMax)]);
    }

    /// <summary>Figures when the tier shown comes from a decision rule rather than the arg-max of <paramref name="probabilities"/>.</summary>
    public static EvaluationMetrics Compute(IReadOnlyList<Tier> actual, IReadOnlyList<float[]> probabilities, IReadOnlyList<Tier> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != probabilities.Count || actual.Count != predicted.Count || actual.Count == 0)
        {
            throw new ArgumentException("need one probability vector and one predicted tier per track, and at least one track");
        }

        var logLoss = actual.Select((tier, i) => -Math.Log(Math.Max(probabilities[i][(int)tier], ProbabilityFloor))).Average();
        return FromPredictions(actual, predicted, logLoss);
    }

    /// <summary>The majority-class baseline on the held-out tracks, with tier shares learnt from training.</summary>
    public static BaselineMetrics Baseline(IReadOnlyList<Tier> trainTiers, IReadOnlyList<Tier> testTiers)
    {
        ArgumentNullException.ThrowIfNull(trainTiers);
        return Baseline([.. TierCutoffs.All.Select(t => (float)trainTiers.Count(x => x == t) / trainTiers.Count)], testTiers);
    }

    /// <summary>The majority-class baseline on the given tracks, from tier shares (in <see cref="Tier"/> order) learnt elsewhere.</summary>
    public static BaselineMetrics Baseline(float[] shares, IReadOnlyList<Tier> testTiers)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(testTiers);
        var majority = (Tier)ArgMax(shares);
        var metrics = Compute(testTiers, [.. testTiers.Select(_ => shares)]);
        var constant = FromPredictions(testTiers, [.. testTiers.Select(_ => majority)], metrics.LogLoss);
        return new BaselineMetrics(majority.ToString(), constant.Accuracy, constant.MacroF1, metrics.LogLoss);
    }

    public static Tier ArgMax(float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return (Tier)best;
    }

    private static EvaluationMetrics FromPredictions(IReadOnlyList<Tier> actual, IReadOnlyList<Tier> predicted, double logLoss)
    {
        var tiers = TierCutoffs.All;
        var counts = new int[tiers.Count, tiers.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            counts[(int)actual[i], (int)predicted[i]]++;
        }

        var perTier = new Dictionary<string, TierMetrics>();
        foreach (var tier in tiers)
        {
            var t = (int)tier;
            var truePositives = counts[t, t];
            var support = Enumerable.Range(0, tiers.Count).Sum(p => counts[t, p]);
            var predictedCount = Enumerable.Range(0, tiers.Count).Sum(a => counts[a, t]);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perTier[tier.ToString()] = new TierMetrics(precision, recall, f1, support);
        }

        var correct = Enumerable.Range(0, tiers.Count).Sum(t => counts[t, t]);
        return new EvaluationMetrics
        {
            Accuracy = (double)correct / actual.Count,
            MacroF1 = perTier.Values.Average(m => m.F1),
            LogLoss = logLoss,
            Rows = actual.Count,
            PerTier = perTier,
            Confusion = new ConfusionMatrix(
                [.. tiers.Select(t => t.ToString())],
                [.. Enumerable.Range(0, tiers.Count).Select(a => (IReadOnlyList<int>)[.. Enumerable.Range(0, tiers.Count).Select(p => counts[a, p])])]),
        };
    }
}
