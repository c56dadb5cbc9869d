using AwesomeAssertions;
using HitPredictor.Reporting.Analysis;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Reporting;

public sealed class StatisticsTests
{
    [Fact]
    public void Pearson_PerfectlyLinear_IsOne()
    {
        Statistics.Pearson([1, 2, 3, 4], [10, 20, 30, 40]).Should().BeApproximately(1, 1e-12);
        Statistics.Pearson([1, 2, 3, 4], [4, 3, 2, 1]).Should().BeApproximately(-1, 1e-12);
    }

    [Fact]
    public void Pearson_NoVariance_IsNaN() => double.IsNaN(Statistics.Pearson([1, 1, 1], [1, 2, 3])).Should().BeTrue();

    [Fact]
    public void Spearman_MonotoneButNotLinear_IsOne() =>
        Statistics.Spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 1000]).Should().BeApproximately(1, 1e-12);

    [Fact]
    public void Ranks_Ties_ShareTheirAverageRank() =>
        Statistics.Ranks([10, 20, 20, 30]).Should().Equal(1, 2.5, 2.5, 4);

    [Fact]
    public void Quantile_BetweenValues_Interpolates()
    {
        double[] sorted = [0, 10, 20, 30];

        Statistics.Median(sorted).Should().Be(15);
        Statistics.Quantile(sorted, 0.25).Should().Be(7.5);
        Statistics.Quantile(sorted, 1).Should().Be(30);
    }

    [Fact]
    public void Calibration_TwoBins_CountsMeansAndObservedShares()
    {
        Tier[] actual = [Tier.Viral, Tier.Flop, Tier.Viral, Tier.Viral];
        float[][] probabilities =
        [
            [0.05f, 0.15f, 0.3f, 0.5f],
            [0.15f, 0.15f, 0.2f, 0.5f],
            [0.95f, 0.05f, 0f, 0f],
            [1f, 0f, 0f, 0f],
        ];

        var bins = Calibration.For(Tier.Viral, actual, probabilities);

        bins.Should().HaveCount(3);
        bins[0].Should().BeEquivalentTo(new { Lower = 0.0, Count = 1, Observed = 1.0 });
        bins[1].Should().BeEquivalentTo(new { Lower = 0.1, Count = 1, Observed = 0.0 });
        bins[2].Count.Should().Be(2);
        bins[2].MeanPredicted.Should().BeApproximately(0.975, 1e-6);
        bins[2].Observed.Should().Be(1);
    }
}
