using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Retraining;

/// <summary>Every kind of bad upload ends in a report that says what was wrong, with the live model untouched.</summary>
public sealed class BadUploadTests(SampleModelFixture model) : IDisposable
{
    private readonly RetrainHarness _harness = new();

    [Theory]
    [InlineData(BadUpload.NotCsv)]
    [InlineData(BadUpload.Empty)]
    [InlineData(BadUpload.HeaderOnly)]
    [InlineData(BadUpload.MissingColumns)]
    [InlineData(BadUpload.MostRowsRejected)]
    [InlineData(BadUpload.TooFewRows)]
    [InlineData(BadUpload.OneTierOnly)]
    [InlineData(BadUpload.OverSizeLimit)]
    public async Task Run_BadUpload_RejectedWithReportAndLiveModelUnchanged(BadUpload kind)
    {
        // Arrange
        var live = await _harness.PublishLiveAsync(model);
        if (kind == BadUpload.OverSizeLimit)
        {
            _harness.Options.MaxDatasetBytes = RetrainDatasets.TestSizeLimit;
        }

        var path = _harness.Write($"{kind}.csv", RetrainDatasets.Bad(kind, TestPaths.Sample));

        // Act
        var report = await _harness.RunAsync(path);

        // Assert
        report.Outcome.Should().Be(RetrainOutcome.Rejected, report.Reason);
        foreach (var expected in RetrainDatasets.ExpectedReason(kind))
        {
            report.Reason.Should().Contain(expected);
        }

        report.Reason.Should().EndWith("The live model is unchanged.");
        report.LiveVersionAfter.Should().Be(live.Version);
        (await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken)).Should().Be(live.Current.ETag);
        _harness.Versions().Should().Equal(live.Version);
        _harness.StoredReport(report)["outcome"]!.GetValue<string>().Should().Be("rejected");
        if (report.Sha256 is not null)
        {
            (await _harness.MarkerAsync(report.Sha256)).Should().BeNull("a rejected upload is not recorded as trained");
        }
    }

    [Fact]
    public async Task Run_MostRowsRejected_ReportListsFirstHundredAndTheTotal()
    {
        var path = _harness.Write("bad-rows.csv", RetrainDatasets.Bad(BadUpload.MostRowsRejected, TestPaths.Sample));

        var report = await _harness.RunAsync(path);

        report.RejectedRows!.Total.Should().Be(2_470);
        report.RejectedRows.First.Should().HaveCount(100);
        report.RejectedRows.First[0].LineNumber.Should().Be(2);
        report.RejectedRows.First[0].Column.Should().Be("tempo");
        var stored = _harness.StoredReport(report);
        stored["rejectedRows"]!["first"]![1]!["lineNumber"]!.GetValue<int>().Should().Be(5);
        stored["hygiene"]!["rejectedRows"]!.GetValue<int>().Should().Be(2_470);
    }

    public void Dispose() => _harness.Dispose();
}
