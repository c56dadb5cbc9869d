using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Retraining;

/// <summary>
/// Retraining while <c>models/current.json</c> is unreadable: the run neither throws nor loses a version; the candidate
/// is judged against the version the service falls back to, and a promotion repairs the pointer.
/// </summary>
public sealed class UnreadablePointerTests(SampleModelFixture sample) : IDisposable
{
    private static readonly byte[] Garbage = [0xFF, 0x00, 0x13, 0x37];

    private readonly RetrainHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_UnreadablePointerOverAGoodVersion_JudgesAgainstTheFallbackAndKeepsEveryVersion()
    {
        // Arrange
        await _harness.PublishLiveAsync(sample);
        File.WriteAllBytes(_harness.PointerPath, Garbage);
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));

        // Act
        var report = await _harness.RunAsync(dataset);

        // Assert
        report.Outcome.Should().BeOneOf([RetrainOutcome.Promoted, RetrainOutcome.KeptLive], report.Reason);
        report.LiveVersionBefore.Should().BeNull();
        report.Live!.Version.Should().Be(sample.Package.Card.Version, "the service falls back to the newest stored version that loads");
        report.Notes.Should().ContainSingle(n => n.Contains("current.json is unreadable"));
        _harness.Versions().Should().Contain(sample.Package.Card.Version);
        if (report.Outcome == RetrainOutcome.Promoted)
        {
            (await _harness.Models.GetCurrentAsync(Ct))!.Version.Should().Be(report.Candidate!.Version);
        }
        else
        {
            File.ReadAllBytes(_harness.PointerPath).Should().Equal(Garbage, "a run that promotes nothing leaves the pointer to publish");
        }

        _harness.StoredReport(report)["outcome"].Should().NotBeNull();
    }

    [Fact]
    public async Task Run_UnreadablePointerAndNoVersion_PromotesAndRepairsThePointer()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(_harness.PointerPath)!);
        File.WriteAllBytes(_harness.PointerPath, Garbage);
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));

        // Act
        var report = await _harness.RunAsync(dataset);

        // Assert
        report.Outcome.Should().Be(RetrainOutcome.Promoted, report.Reason);
        report.Notes.Should().Contain(n => n.Contains("No stored version loads"));
        (await _harness.Models.GetCurrentAsync(Ct))!.Version.Should().Be(report.Candidate!.Version);
        report.LiveVersionAfter.Should().Be(report.Candidate.Version);
    }

    [Fact]
    public async Task Run_MarkerPromotedButPointerUnreadable_TrainsAgainAndRepairs()
    {
        // Arrange: a first run promoted, then the pointer was corrupted
        var bytes = File.ReadAllBytes(TestPaths.Sample);
        var first = await _harness.RunAsync(_harness.Write("first.csv", bytes));
        File.WriteAllBytes(_harness.PointerPath, Garbage);

        // Act
        var second = await _harness.RunAsync(_harness.Write("second.csv", bytes));

        // Assert
        first.Outcome.Should().Be(RetrainOutcome.Promoted, first.Reason);
        second.Outcome.Should().NotBe(RetrainOutcome.AlreadyTrained, "the promoted version is not live while the pointer names nothing");
        second.Live!.Version.Should().Be(first.Candidate!.Version);
        _harness.Versions().Should().Contain(first.Candidate.Version);
    }

    public void Dispose() => _harness.Dispose();
}
