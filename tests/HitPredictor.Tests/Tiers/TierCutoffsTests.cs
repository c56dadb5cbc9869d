using AwesomeAssertions;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Tiers;

public sealed class TierCutoffsTests
{
    [Theory]
    [InlineData(0, Tier.Flop)]
    [InlineData(29, Tier.Flop)]
    [InlineData(30, Tier.Mid)]
    [InlineData(49, Tier.Mid)]
    [InlineData(50, Tier.Hit)]
    [InlineData(69, Tier.Hit)]
    [InlineData(70, Tier.Viral)]
    [InlineData(100, Tier.Viral)]
    public void Classify_DefaultCutoffs_PutsBoundariesInTheHigherTier(int popularity, Tier expected)
    {
        TierCutoffs.Default.Classify(popularity).Should().Be(expected);
    }

    [Fact]
    public void Classify_CustomCutoffs_UsesThem()
    {
        var cutoffs = new TierCutoffs(80, 60, 40);

        cutoffs.Classify(79).Should().Be(Tier.Hit);
        cutoffs.Classify(80).Should().Be(Tier.Viral);
        cutoffs.Classify(39).Should().Be(Tier.Flop);
    }

    [Theory]
    [InlineData(50, 70, 30, "strictly decreasing")]
    [InlineData(70, 70, 30, "strictly decreasing")]
    [InlineData(101, 50, 30, "viral cut-off must be 1-100, got 101")]
    [InlineData(70, 50, 0, "mid cut-off must be 1-100, got 0")]
    public void Validate_InvalidCutoffs_ReportsTheProblem(int viral, int hit, int mid, string expected)
    {
        new TierCutoffs(viral, hit, mid).Validate().Should().Contain(e => e.Contains(expected));
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        TierCutoffs.Default.Validate().Should().BeEmpty();
    }

    [Theory]
    [InlineData("70,50,30", true)]
    [InlineData("80, 60, 40", true)]
    [InlineData("70,50", false)]
    [InlineData("a,b,c", false)]
    [InlineData("30,50,70", false)]
    public void TryParse_Text_AcceptsOnlyThreeDecreasingNumbers(string text, bool valid)
    {
        TierCutoffs.TryParse(text, out _, out var error).Should().Be(valid);
        (error.Length == 0).Should().Be(valid);
    }
}
