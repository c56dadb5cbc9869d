using AwesomeAssertions;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Evaluation;

public sealed class MetricsCalculatorTests
{
    private static float[] P(Tier tier, float confidence = 0.7f)
    {
        var p = Enumerable.Repeat((1 - confidence) / 3, 4).ToArray();
        p[(int)tier] = confidence;
        return p;
    }

    [Fact]
    public void Compute_KnownPredictions_GivesHandComputedFigures()
    {
        Tier[] actual = [Tier.Viral, Tier.Viral, Tier.Hit, Tier.Mid, Tier.Flop, Tier.Flop];
        float[][] probabilities = [P(Tier.Viral), P(Tier.Hit), P(Tier.Hit), P(Tier.Mid), P(Tier.Flop), P(Tier.Mid)];

        var metrics = MetricsCalculator.Compute(actual, probabilities);

        metrics.Accuracy.Should().BeApproximately(4.0 / 6, 1e-9);
        metrics.PerTier["Viral"].Should().Be(new TierMetrics(1.0, 0.5, 2.0 / 3, 2));
        metrics.PerTier["Hit"].Precision.Should().Be(0.5);
        metrics.PerTier["Mid"].Recall.Should().Be(1.0);
        metrics.PerTier["Flop"].Support.Should().Be(2);
        metrics.MacroF1.Should().BeApproximately((2.0 / 3 + 2.0 / 3 + 2.0 / 3 + 2.0 / 3) / 4, 1e-9);
        metrics.LogLoss.Should().BeApproximately((-4 * Math.Log(0.7) - 2 * Math.Log(0.1)) / 6, 1e-6);
        metrics.Confusion.Counts[0].Should().Equal(1, 1, 0, 0);
        metrics.Confusion.Counts[3].Should().Equal(0, 0, 1, 1);
    }

    [Fact]
    public void Baseline_AlwaysMajorityTier_ScoresItsShare()
    {
        Tier[] train = [Tier.Flop, Tier.Flop, Tier.Flop, Tier.Mid];
        Tier[] test = [Tier.Flop, Tier.Mid, Tier.Hit, Tier.Flop];

        var baseline = MetricsCalculator.Baseline(train, test);

        baseline.Tier.Should().Be("Flop");
        baseline.Accuracy.Should().Be(0.5);
        baseline.MacroF1.Should().BeApproximately((2.0 / 3) / 4, 1e-9);
        baseline.LogLoss.Should().BeGreaterThan(0);
    }
}
