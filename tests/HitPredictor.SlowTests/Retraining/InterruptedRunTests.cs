using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Retraining;

/// <summary>A run that dies or loses its storage midway leaves the live model and the idempotency index as they were.</summary>
public sealed class InterruptedRunTests(SampleModelFixture model) : IDisposable
{
    private readonly RetrainHarness _harness = new();

    [Fact]
    public async Task Run_KilledBetweenWritingModelAndMovingPointer_LiveUnchangedAndNextRunSucceeds()
    {
        // Arrange
        var live = await LiveModelTheSampleBeatsAsync();
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));
        var dying = new DyingStore(_harness.Models);

        // Act
        var killed = () => _harness.RunAsync(dataset, dying);
        await killed.Should().ThrowAsync<ProcessKilledException>();
        var pointerAfterKill = await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken);
        var next = await _harness.RunAsync(dataset);

        // Assert
        dying.Written.Should().NotBeNull("the kill came after the version was written");
        pointerAfterKill!.Version.Should().Be(live.Version);
        pointerAfterKill.ETag.Should().Be(live.ETag);
        next.Outcome.Should().Be(RetrainOutcome.Promoted, next.Reason);
        next.Candidate!.Version.Should().NotBe(dying.Written, "every run writes its own version");
        (await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken))!.Version.Should().Be(next.Candidate.Version);
    }

    [Fact]
    public async Task Run_KilledBeforePointerMove_MarkerNamesWhatItWouldHaveReplacedSoTheNextRunTrainsAgain()
    {
        // Arrange
        var live = await LiveModelTheSampleBeatsAsync();
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));
        var sha = await Training.Packaging.DatasetHasher.Sha256Async(dataset, TestContext.Current.CancellationToken);

        // Act
        var killed = () => _harness.RunAsync(dataset, new DyingStore(_harness.Models));
        await killed.Should().ThrowAsync<ProcessKilledException>();
        var marker = await _harness.MarkerAsync(sha);
        var next = await _harness.RunAsync(dataset);

        // Assert
        marker!.Outcome.Should().Be(RetrainOutcome.Promoted, "the records are written before the pointer moves");
        marker.ReplacedVersion.Should().Be(live.Version);
        next.Outcome.Should().Be(RetrainOutcome.Promoted, next.Reason);
        next.Notes.Should().ContainSingle(n => n.Contains("before moving current.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_KilledRightAfterPointerMoved_LiveVersionHasItsReportAndMarkerAndIsNotTrainedAgain()
    {
        // Arrange
        await LiveModelTheSampleBeatsAsync();
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));
        var sha = await Training.Packaging.DatasetHasher.Sha256Async(dataset, TestContext.Current.CancellationToken);
        var dying = new DyingAfterMoveStore(_harness.Models);

        // Act
        var killed = () => _harness.RunAsync(dataset, dying);
        await killed.Should().ThrowAsync<ProcessKilledException>();
        var live = await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken);
        var marker = await _harness.MarkerAsync(sha);
        var versions = _harness.Versions();
        var next = await _harness.RunAsync(dataset);

        // Assert
        live!.Version.Should().Be(dying.Moved, "the kill came after the pointer moved");
        marker!.Version.Should().Be(live.Version);
        marker.Outcome.Should().Be(RetrainOutcome.Promoted);
        File.Exists(marker.Report).Should().BeTrue("the report was written before the pointer moved");
        next.Outcome.Should().Be(RetrainOutcome.AlreadyTrained, next.Reason);
        next.AlreadyTrainedAs.Should().Be(live.Version);
        _harness.Versions().Should().Equal(versions, "no identical copy is promoted");
    }

    [Fact]
    public async Task Run_StorageUnavailable_FailsWithReportAndLiveModelUnchanged()
    {
        // Arrange
        var live = await _harness.PublishLiveAsync(model);
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));
        var unavailable = new UnavailableStore(_harness.Models);

        // Act
        var run = () => _harness.RunAsync(dataset, unavailable);

        // Assert
        await run.Should().ThrowAsync<IOException>();
        var reports = Directory.GetFiles(Path.GetDirectoryName(_harness.Stores.Reports.Locate("tracks.csv", "x"))!, "*.json");
        var report = JsonNode.Parse(File.ReadAllText(reports.Single()))!;
        report["outcome"]!.GetValue<string>().Should().Be("failed");
        report["reason"]!.GetValue<string>().Should().Contain("Failed during 'compare'").And.Contain("the live model is unchanged");
        report["error"]!.GetValue<string>().Should().Contain("storage is unavailable");
        (await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken)).Should().Be(live.Current.ETag);
    }

    public void Dispose() => _harness.Dispose();

    /// <summary>A live model trained on the sample's first 3,000 rows (the first genres only): the whole sample beats it.</summary>
    private async Task<ModelPointer> LiveModelTheSampleBeatsAsync()
    {
        var first = await _harness.RunAsync(_harness.Write("first-genres.csv", RetrainDatasets.FirstRows(TestPaths.Sample, 3_000)));
        first.Outcome.Should().Be(RetrainOutcome.Promoted, first.Reason);
        return (await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Writes versions, then "dies" instead of moving the pointer.</summary>
    private sealed class DyingStore(IModelStore store) : DelegatingModelStore(store)
    {
        public string? Written { get; private set; }

        public override async Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
        {
            var written = await Inner.PutAsync(version, modelZip, cardJson, cancellationToken);
            Written = version;
            return written;
        }

        public override Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken) =>
            throw new ProcessKilledException();
    }

    /// <summary>Moves the pointer, then "dies" before the run can do anything else.</summary>
    private sealed class DyingAfterMoveStore(IModelStore store) : DelegatingModelStore(store)
    {
        public string? Moved { get; private set; }

        public override async Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken)
        {
            await Inner.SetCurrentAsync(version, expectedETag, cancellationToken);
            Moved = version;
            throw new ProcessKilledException();
        }
    }

    /// <summary>Storage that stops answering when a stored model is read.</summary>
    private sealed class UnavailableStore(IModelStore store) : DelegatingModelStore(store)
    {
        public override Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken) =>
            throw new IOException("storage is unavailable");
    }

    private sealed class ProcessKilledException : Exception
    {
        public ProcessKilledException()
            : base("the process was killed")
        {
        }
    }
}
