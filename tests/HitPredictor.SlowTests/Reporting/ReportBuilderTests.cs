using System.Globalization;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using HitPredictor.Reporting;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Reporting;

public sealed partial class ReportBuilderTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void BuildAsync_SampleWithModel_WritesEveryExpectedPlotAndNoOther()
    {
        var written = fixture.Report.PlotPaths.Select(Path.GetFileName);
        var onDisk = Directory.GetFiles(fixture.ReportDirectory, "*.png").Select(Path.GetFileName);

        written.Should().BeEquivalentTo(ExpectedPlots.All.Keys);
        onDisk.Should().BeEquivalentTo(ExpectedPlots.All.Keys);
        File.Exists(Path.Combine(fixture.ReportDirectory, ReportBuilder.HtmlFileName)).Should().BeTrue();
    }

    [Fact]
    public void BuildAsync_SampleWithModel_EachPlotIsANonEmptyPngOfItsDeclaredSize()
    {
        foreach (var path in fixture.Report.PlotPaths)
        {
            var bytes = File.ReadAllBytes(path);
            var expected = ExpectedPlots.All[Path.GetFileName(path)];

            bytes.Length.Should().BeGreaterThan(1000, path);
            Png.Size(bytes).Should().Be(expected, path);
        }
    }

    [Fact]
    public void BuildAsync_SampleWithModel_HtmlEmbedsEveryPlotAndReferencesNothingOutside()
    {
        var html = fixture.Html;

        html.Should().NotContain("src=\"http").And.NotContain("href=\"http").And.NotContain("<script").And.NotContain("<link")
            .And.NotContain("url(");
        var images = ImageTag().Matches(html);
        ImgOpening().Count(html).Should().Be(images.Count, "every <img> is an embedded PNG with its file name");
        images.Select(m => m.Groups["file"].Value).Should().BeEquivalentTo(ExpectedPlots.All.Keys);
        foreach (Match image in images)
        {
            var embedded = Convert.FromBase64String(image.Groups["data"].Value);
            embedded.Should().Equal(File.ReadAllBytes(Path.Combine(fixture.ReportDirectory, image.Groups["file"].Value)));
        }
    }

    [Fact]
    public void BuildAsync_SampleWithModel_MetricsInHtmlEqualTheCard()
    {
        var metrics = fixture.Card.Metrics;

        Cell("model-accuracy").Should().Be(Metric(metrics.Accuracy));
        Cell("model-macro-f1").Should().Be(Metric(metrics.MacroF1));
        Cell("model-log-loss").Should().Be(Metric(metrics.LogLoss));
        Cell("artist-accuracy").Should().Be(Metric(metrics.ArtistGrouped!.Accuracy));
        Cell("artist-macro-f1").Should().Be(Metric(metrics.ArtistGrouped.MacroF1));
        foreach (var (tier, tierMetrics) in metrics.PerTier)
        {
            Cell($"tier-{tier.ToLowerInvariant()}-precision").Should().Be(Metric(tierMetrics.Precision));
            Cell($"tier-{tier.ToLowerInvariant()}-recall").Should().Be(Metric(tierMetrics.Recall));
        }
    }

    [Fact]
    public void BuildAsync_SampleWithModel_ConfusionCountsInHtmlEqualTheCard()
    {
        var confusion = fixture.Card.Metrics.Confusion;

        for (var actual = 0; actual < confusion.Labels.Count; actual++)
        {
            for (var predicted = 0; predicted < confusion.Labels.Count; predicted++)
            {
                var id = $"confusion-{confusion.Labels[actual].ToLowerInvariant()}-{confusion.Labels[predicted].ToLowerInvariant()}";
                Cell(id).Should().Be(Count(confusion.Counts[actual][predicted]), id);
            }
        }
    }

    [Fact]
    public void BuildAsync_SampleWithModel_HygieneCountsInHtmlEqualTheCard()
    {
        var hygiene = fixture.Card.Hygiene;

        Cell("hygiene-rows-read").Should().Be(Count(hygiene.RowsRead));
        Cell("hygiene-after-excluded-genres").Should().Be(Count(hygiene.AfterExcludedGenres));
        Cell("hygiene-after-incomplete").Should().Be(Count(hygiene.AfterIncomplete));
        Cell("hygiene-after-deduplication").Should().Be(Count(hygiene.AfterDeduplication));
        Cell("hygiene-after-deduplication-removed").Should().Be(Count(hygiene.DuplicatesRemoved));
        foreach (var (tier, count) in fixture.Card.Tiers.Counts)
        {
            Cell($"tier-count-{tier.ToLowerInvariant()}").Should().Be(Count(count));
        }
    }

    [Fact]
    public void BuildAsync_SampleWithModel_RebuildsTheModelsHeldOutSplitWithoutNotes()
    {
        fixture.Report.Notes.Should().BeEmpty();
        fixture.Html.Should().Contain("id=\"calibration\"").And.NotContain("different dataset");
        fixture.Progress.Should().Contain(FormattableString.Invariant($"Scoring {fixture.Card.Split.TestRows:N0} held-out tracks"));
    }

    [Fact]
    public async Task BuildAsync_DatasetTheModelWasNotTrainedOn_SaysSoAndScoresEveryTrack()
    {
        using var folder = new TempDirectory();
        var lines = await File.ReadAllLinesAsync(TestPaths.Sample, TestContext.Current.CancellationToken);
        var subset = folder.Write("subset.csv", string.Join('\n', lines.Take(2001)) + "\n");
        var steps = new List<string>();

        var result = await ReportBuilder.BuildAsync(
            new ReportRequest(subset, folder.File("report")) { ModelDirectory = fixture.ModelDirectory },
            new SynchronousProgress(steps), TestContext.Current.CancellationToken);

        result.Notes.Should().ContainSingle().Which.Should().Contain("different dataset than it was trained on");
        (await File.ReadAllTextAsync(result.HtmlPath, TestContext.Current.CancellationToken)).Should().Contain("different dataset than it was trained on");
        steps.Should().Contain(s => s.StartsWith("Scoring ", StringComparison.Ordinal) && !s.Contains(Count(fixture.Card.Split.TestRows), StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_NoModel_WritesOnlyTheDatasetPlots()
    {
        using var folder = new TempDirectory();

        var result = await ReportBuilder.BuildAsync(
            new ReportRequest(TestPaths.Sample, folder.File("report")), cancellationToken: TestContext.Current.CancellationToken);

        result.PlotPaths.Select(Path.GetFileName).Should().BeEquivalentTo(ExpectedPlots.Dataset.Keys);
        (await File.ReadAllTextAsync(result.HtmlPath, TestContext.Current.CancellationToken)).Should().NotContain("id=\"model\"");
    }

    [Fact]
    public async Task BuildAsync_Cancelled_Throws()
    {
        using var folder = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var build = () => ReportBuilder.BuildAsync(new ReportRequest(TestPaths.Sample, folder.File("report")), cancellationToken: cancelled.Token);

        await build.Should().ThrowAsync<OperationCanceledException>();
    }

    private string Cell(string id)
    {
        var match = Regex.Match(fixture.Html, $"<td id=\"{Regex.Escape(id)}\">([^<]*)</td>");
        match.Success.Should().BeTrue($"the report has a cell with id {id}");
        return match.Groups[1].Value;
    }

    private static string Metric(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex("<img src=\"data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)\"[^>]*data-file=\"(?<file>[^\"]+)\">")]
    private static partial Regex ImageTag();

    [GeneratedRegex("<img\\b")]
    private static partial Regex ImgOpening();
}
