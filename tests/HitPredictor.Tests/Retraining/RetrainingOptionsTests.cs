using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.Training.Modeling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HitPredictor.Tests.Retraining;

public sealed class RetrainingOptionsTests
{
    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = Resolve([]);

        options.MaxRejectedShare.Should().Be(0.2);
        options.MinTracks.Should().Be(1_000);
        options.MaxDatasetBytes.Should().Be(512L * 1024 * 1024);
        options.MacroF1Tolerance.Should().Be(0.005);
        options.LeaseSeconds.Should().Be(60);
        options.MinComparisonRows.Should().Be(200);
        options.ToTrainingOptions().Forest.Should().Be(new ForestSettings());
    }

    [Fact]
    public void Options_SeveralBadValues_AllReportedAtOnce()
    {
        var resolve = () => Resolve(new()
        {
            ["Retraining:MaxRejectedShare"] = "1.5",
            ["Retraining:LeaseSeconds"] = "5",
            ["Retraining:MinTracks"] = "0",
        });

        resolve.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(3)
            .And.Contain(f => f.Contains("Retraining:LeaseSeconds must be 15 to 60, got 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    public void Options_MinComparisonRowsOutOfRange_Reported(string value)
    {
        var resolve = () => Resolve(new() { ["Retraining:MinComparisonRows"] = value });

        resolve.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle(f => f == $"Retraining:MinComparisonRows must be 1 to 1000000, got {value}.");
    }

    [Fact]
    public void Options_MinComparisonRowsAtItsLimits_Accepted()
    {
        Resolve(new() { ["Retraining:MinComparisonRows"] = "1" }).MinComparisonRows.Should().Be(1);
        Resolve(new() { ["Retraining:MinComparisonRows"] = "1000000" }).MinComparisonRows.Should().Be(1_000_000);
    }

    private static RetrainingOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddHitPredictorRetraining(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RetrainingOptions>>().Value;
    }
}
