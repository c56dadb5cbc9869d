using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Retraining;

/// <summary>The retraining service over a folder store: promotion, idempotency, the gate, and the report it writes.</summary>
public sealed class RetrainServiceTests : IDisposable
{
    private readonly RetrainHarness _harness = new();

    [Fact]
    public async Task Run_FirstGoodDataset_PromotesAndWritesReportAndModelSection()
    {
        // Arrange
        _harness.Options.ModelSection = true;
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));

        // Act
        var report = await _harness.RunAsync(dataset);

        // Assert
        report.Outcome.Should().Be(RetrainOutcome.Promoted, report.Reason);
        report.Reason.Should().StartWith("Promoted the first model");
        (await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken))!.Version.Should().Be(report.Candidate!.Version);
        report.LiveVersionAfter.Should().Be(report.Candidate.Version);
        report.Hygiene!.RowsRead.Should().Be(7_410);
        report.RejectedRows!.Total.Should().Be(0);
        report.Timings.Keys.Should().ContainInOrder("inspect", "hash", "idempotency", "lock", "read", "train", "compare", "promote", "modelSection", "record");
        report.Memory!.PeakWorkingSetBytes.Should().BePositive();
        File.Exists(report.ModelSection).Should().BeTrue();
        File.Exists(Path.Combine(Path.GetDirectoryName(report.ModelSection)!, "confusion-counts.png")).Should().BeTrue();

        var stored = _harness.StoredReport(report);
        stored["outcome"]!.GetValue<string>().Should().Be("promoted");
        stored["sha256"]!.GetValue<string>().Should().Be(report.Sha256).And.HaveLength(64);
        stored["rule"]!.GetValue<string>().Should().Contain("majority baseline");
        (await _harness.MarkerAsync(report.Sha256!))!.Version.Should().Be(report.Candidate.Version);
    }

    [Fact]
    public async Task Run_SameBytesUnderAnotherName_NotTrainedAgain()
    {
        var bytes = File.ReadAllBytes(TestPaths.Sample);
        var first = await _harness.RunAsync(_harness.Write("first.csv", bytes));

        var second = await _harness.RunAsync(_harness.Write("second.csv", bytes));

        second.Outcome.Should().Be(RetrainOutcome.AlreadyTrained);
        second.AlreadyTrainedAs.Should().Be(first.Candidate!.Version);
        second.Reason.Should().Contain($"Already trained as version {first.Candidate.Version}").And.Contain("'first.csv'");
        second.Timings.Should().NotContainKey("train");
        _harness.Versions().Should().Equal(first.Candidate.Version);
        _harness.StoredReport(second)["outcome"]!.GetValue<string>().Should().Be("alreadyTrained");
    }

    [Fact]
    public async Task Run_ShuffledLabelsAfterGoodModel_KeptLiveAndReportSaysWhy()
    {
        // Arrange
        var good = await _harness.RunAsync(_harness.Write("good.csv", File.ReadAllBytes(TestPaths.Sample)));
        var etag = await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken);

        // Act
        var shuffled = await _harness.RunAsync(_harness.Write("shuffled.csv", RetrainDatasets.ShuffledLabels(TestPaths.Sample)));

        // Assert
        shuffled.Outcome.Should().Be(RetrainOutcome.KeptLive, shuffled.Reason);
        shuffled.Reason.Should().StartWith("Kept the live model").And.Contain("majority baseline");
        shuffled.Live!.Version.Should().Be(good.Candidate!.Version);
        shuffled.Live.Rows.Should().Be(shuffled.Candidate!.Rows);
        (await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken)).Should().Be(etag);
        _harness.Versions().Should().Equal(good.Candidate.Version);
        (await _harness.MarkerAsync(shuffled.Sha256!))!.Outcome.Should().Be(RetrainOutcome.KeptLive);
    }

    [Fact]
    public async Task Run_SecondDataset_GateComparesBothModelsOnTheSameRows()
    {
        var first = await _harness.RunAsync(_harness.Write("a.csv", File.ReadAllBytes(TestPaths.Sample)));

        var second = await _harness.RunAsync(_harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample)));

        second.Live!.Version.Should().Be(first.Candidate!.Version);
        second.Outcome.Should().Be(
            second.Candidate!.MacroF1 >= second.Live.MacroF1 - 0.005 && second.Candidate.Accuracy >= second.Live.Accuracy
                ? RetrainOutcome.Promoted
                : RetrainOutcome.KeptLive,
            second.Reason);
        second.Rule.Should().Contain($"the same {second.Candidate.Rows} rows");
    }

    [Fact]
    public async Task Run_TwoAtOnce_BothHandledOneAtATime()
    {
        var a = _harness.Write("a.csv", File.ReadAllBytes(TestPaths.Sample));
        var b = _harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample));

        var reports = await Task.WhenAll(_harness.RunAsync(a), _harness.RunAsync(b));

        reports.Select(r => r.Outcome).Should().OnlyContain(o => o == RetrainOutcome.Promoted || o == RetrainOutcome.KeptLive);
        var ordered = reports.OrderBy(r => r.LockAcquiredAt).ToArray();
        ordered[0].LockReleasedAt.Should().BeOnOrBefore(ordered[1].LockAcquiredAt!.Value);
        ordered[1].Live!.Version.Should().Be(ordered[0].Candidate!.Version, "the second run compares with what the first promoted");
    }

    public void Dispose() => _harness.Dispose();
}
