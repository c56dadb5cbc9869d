using AwesomeAssertions;
using HitPredictor.Reporting;
using HitPredictor.Tests.Cli;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using Microsoft.ML;

namespace HitPredictor.Tests.Reporting;

public sealed class ModelSectionTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public async Task ReportCommand_StoredSection_DrawsThatModelSection()
    {
        // Arrange: the data a retraining run stores beside its report.
        using var folder = new TempDirectory();
        var test = fixture.Training.Split.Test;
        var probabilities = ModelScorer.CalibratedProbabilities(new MLContext(0), fixture.Training.Package, test.Select(t => ModelInput.From(t.Track)));
        var section = folder.File(ModelSectionInput.FileName);
        await File.WriteAllBytesAsync(section, new ModelSectionInput(fixture.Card, [.. test.Select(t => t.Tier)], probabilities).ToJson(), TestContext.Current.CancellationToken);

        // Act
        var outcome = await CliRunner.RunAsync(null, "report", "--section", section, "--out", folder.File("drawn"));

        // Assert
        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().Contain(fixture.Card.Version);
        var html = await File.ReadAllTextAsync(Path.Combine(folder.File("drawn"), ModelSection.HtmlFileName), TestContext.Current.CancellationToken);
        html.Should().Contain("id=\"model\"").And.Contain(fixture.Card.Version);
        Directory.GetFiles(folder.File("drawn"), "*.png").Select(Path.GetFileName).Should().BeEquivalentTo(ExpectedPlots.Model.Keys);
    }

    [Fact]
    public async Task ReportCommand_SectionNotASection_ExitsTwoNamingTheFile()
    {
        using var folder = new TempDirectory();
        var section = folder.File("report.json");
        await File.WriteAllTextAsync(section, "{\"outcome\": \"promoted\"}", TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync(null, "report", "--section", section, "--out", folder.File("drawn"));

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().StartWith("error:").And.Contain("model-section.json");
    }

    [Fact]
    public async Task WriteAsync_CardAndHeldOutPredictions_WritesOnlyTheModelPlotsAndPage()
    {
        using var folder = new TempDirectory();
        var test = fixture.Training.Split.Test;
        var probabilities = ModelScorer.CalibratedProbabilities(new MLContext(0), fixture.Training.Package, test.Select(t => ModelInput.From(t.Track)));
        var input = new ModelSectionInput(fixture.Card, [.. test.Select(t => t.Tier)], probabilities);

        var result = await ModelSection.WriteAsync(input, folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        result.HtmlPath.Should().Be(folder.File(ModelSection.HtmlFileName));
        result.PlotPaths.Select(Path.GetFileName).Should().BeEquivalentTo(ExpectedPlots.Model.Keys);
        foreach (var path in result.PlotPaths)
        {
            Png.Size(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).Should().Be(ExpectedPlots.Model[Path.GetFileName(path)]);
        }

        var html = await File.ReadAllTextAsync(result.HtmlPath, TestContext.Current.CancellationToken);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("id=\"model\"").And.NotContain("id=\"dataset\"").And.NotContain("<script");
    }

    [Fact]
    public async Task WriteAsync_WithNote_ShowsTheNote()
    {
        using var folder = new TempDirectory();
        var input = new ModelSectionInput(fixture.Card, [], []) { EvaluationNote = "Evaluated on <other> data." };

        var result = await ModelSection.WriteAsync(input, folder.Path, cancellationToken: TestContext.Current.CancellationToken);

        var html = await File.ReadAllTextAsync(result.HtmlPath, TestContext.Current.CancellationToken);
        html.Should().Contain("Evaluated on &lt;other&gt; data.").And.Contain("no calibration plot");
    }
}
