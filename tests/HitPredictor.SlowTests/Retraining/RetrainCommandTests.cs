using AwesomeAssertions;
using HitPredictor.TestData;
using HitPredictor.Tests.Cli;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Retraining;

/// <summary><c>hitpredictor retrain</c> as a child process: the decision, the report path and the exit code.</summary>
public sealed class RetrainCommandTests
{
    [Fact]
    public async Task Retrain_SampleTwice_PromotesThenSaysAlreadyTrainedBothExitZero()
    {
        using var temp = new TempDirectory();
        string[] args = ["retrain", "--store", temp.File("store"), "--dataset", TestPaths.Sample, "--trees", "5", "--leaves", "20"];

        var first = await CliRunner.RunAsync(null, args);
        var second = await CliRunner.RunAsync(null, args);

        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().Contain("Promoted: Promoted the first model").And.Contain("Report: ");
        second.ExitCode.Should().Be(0, second.Output);
        second.Output.Should().Contain("AlreadyTrained: Already trained as version");
        File.Exists(Path.Combine(temp.File("store"), "models", "current.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Retrain_HeaderOnlyFile_ExitsTwoWithTheReason()
    {
        using var temp = new TempDirectory();
        var dataset = temp.File("header.csv");
        await File.WriteAllBytesAsync(dataset, RetrainDatasets.Bad(BadUpload.HeaderOnly, TestPaths.Sample), TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync(null, "retrain", "--store", temp.File("store"), "--dataset", dataset);

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("Rejected: The file has a header but no tracks.").And.Contain("rejected as bad input");
        Directory.GetFiles(temp.File("store"), "*.json", SearchOption.AllDirectories).Should().ContainSingle("only the report is written");
    }
}
