using System.Globalization;
using System.Text;
using AwesomeAssertions;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Catalog;

/// <summary>The whole pipeline on a folder store and its folder-backed queue, driven as the queue trigger drives it.</summary>
public sealed class CatalogPipelineTests(SampleModelFixture sample)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_250RowsOneBad_OutputHasEveryRowInInputOrderAndTheBadOneFlaggedOnItsLine()
    {
        // Arrange
        await using var harness = await CatalogHarness.StartAsync(sample);
        var input = harness.Write("tracks.csv", CatalogHarness.Rows(250, i => Csv.Row(i, tempo: i == 150 ? "-4" : "120.0")));

        // Act
        var start = await harness.UploadAsync(input);
        await harness.DrainAsync();

        // Assert
        start.Run!.Chunks.Should().HaveCount(3);
        var rows = ScoredCsv.ReadRows(harness.OutputPath("tracks.csv"));
        rows.Select(r => r["track_id"]).Should().Equal(Enumerable.Range(0, 250).Select(i => $"id{i}"));
        rows[150][CsvBatchScorer.ErrorColumn].Should().StartWith("line 152, tempo: ");
        rows[150]["p_hit"].Should().BeEmpty();
        rows.Where((_, i) => i != 150).Should().OnlyContain(r => r[CsvBatchScorer.ErrorColumn].Length == 0 && r["p_hit"].Length > 0);
        var report = await harness.ReportAsync("tracks.csv");
        report.Should().BeEquivalentTo(new { Outcome = CatalogOutcome.Scored, Rows = 250, Scored = 249, Rejected = 1, Chunks = 3, ModelVersion = "v1", Retries = 0L });
        report.RejectedRows.Single().Should().BeEquivalentTo(new { LineNumber = 152, Column = "tempo" });
        report.RowsPerSecond.Should().BePositive();
    }

    [Fact]
    public async Task Merge_ClaimOlderThanTheTimeout_TakenOverAndTheRunMerged()
    {
        // Arrange: a merger claimed the merge an hour ago (default timeout 900 s) and died
        await using var harness = await CatalogHarness.StartAsync(sample);
        var run = (await harness.UploadAsync(harness.Write("tracks.csv", CatalogHarness.Rows(250)))).Run!;
        await ClaimMergeAsync(harness, run.RunId, DateTimeOffset.UtcNow.AddHours(-1));

        // Act
        await harness.DrainAsync();

        // Assert
        ScoredCsv.ReadRows(harness.OutputPath("tracks.csv")).Should().HaveCount(250);
        (await harness.ReportAsync("tracks.csv")).Outcome.Should().Be(CatalogOutcome.Scored);
        (await harness.Files.GetSizeAsync(CatalogNames.Runs, CatalogPaths.MergeClaim(run.RunId, 1), Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task Merge_LiveClaim_LeftToItsHolder()
    {
        // Arrange: another worker claimed the merge a moment ago
        await using var harness = await CatalogHarness.StartAsync(sample);
        var run = (await harness.UploadAsync(harness.Write("tracks.csv", CatalogHarness.Rows(250)))).Run!;
        await ClaimMergeAsync(harness, run.RunId, DateTimeOffset.UtcNow);

        // Act
        await harness.DrainAsync();

        // Assert
        (await harness.Files.GetSizeAsync(CatalogNames.Scored, CatalogNames.ReportOf("tracks.csv"), Ct)).Should().BeNull();
        (await harness.Files.GetSizeAsync(CatalogNames.Runs, CatalogPaths.MergeClaim(run.RunId, 1), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Redelivery_ChunkAlreadyDoneOrScoredTwice_NoRowDuplicated()
    {
        // Arrange
        await using var harness = await CatalogHarness.StartAsync(sample);
        var run = (await harness.UploadAsync(harness.Write("tracks.csv", CatalogHarness.Rows(250)))).Run!;
        var first = (await harness.Queue.ReceiveAsync(Ct))!;
        await harness.Queue.ReleaseAsync(first, Ct);
        var message = first.Message;

        // Act: scored, delivered again after it was done, and scored again as if two workers had raced
        var once = await harness.Worker.ProcessAsync(message, 1, Ct);
        var again = await harness.Worker.ProcessAsync(message, 2, Ct);
        File.Delete(Path.Combine(harness.Root, CatalogNames.Runs, CatalogPaths.Done(run.RunId, message.Index)));
        var raced = await harness.Worker.ProcessAsync(message, 3, Ct);
        await harness.DrainAsync();

        // Assert
        (once, again, raced).Should().Be((ChunkOutcome.Scored, ChunkOutcome.AlreadyDone, ChunkOutcome.Scored));
        ScoredCsv.ReadRows(harness.OutputPath("tracks.csv")).Select(r => r["track_id"]).Should().Equal(Enumerable.Range(0, 250).Select(i => $"id{i}"));
        (await harness.ReportAsync("tracks.csv")).Retries.Should().Be(2);
    }

    [Fact]
    public async Task PoisonedChunk_FailsEveryDelivery_ReportedAndTheOtherChunksMerged()
    {
        // Arrange
        await using var harness = await CatalogHarness.StartAsync(sample);
        var run = (await harness.UploadAsync(harness.Write("tracks.csv", CatalogHarness.Rows(250)))).Run!;
        File.WriteAllBytes(Path.Combine(harness.Root, CatalogNames.Runs, CatalogPaths.Chunk(run.RunId, 1)), [0, 1, 2, 3]);
        var poisoned = new ChunkMessage(run.RunId, 1, 102);
        var deliveries = new CatalogOptions().MaxChunkAttempts;

        // Act
        for (var attempt = 1; attempt < deliveries; attempt++)
        {
            var failing = () => harness.Worker.ProcessAsync(poisoned, attempt, Ct);
            await failing.Should().ThrowAsync<Exception>();
        }

        var last = await harness.Catalog.ScoreChunkAsync(poisoned, deliveries, Ct);
        await harness.DrainAsync();

        // Assert
        last.Should().Be(ChunkOutcome.Failed);
        var report = await harness.ReportAsync("tracks.csv");
        report.Outcome.Should().Be(CatalogOutcome.Partial);
        report.FailedChunks.Single().Should().BeEquivalentTo(new { Index = 1, FirstLine = 102, Rows = 100, Attempts = (long)deliveries });
        ScoredCsv.ReadRows(harness.OutputPath("tracks.csv")).Select(r => r["track_id"])
            .Should().Equal(Enumerable.Range(0, 250).Where(i => i is < 100 or >= 200).Select(i => $"id{i}"));
    }

    [Fact]
    public async Task Restart_AfterOneOfThreeChunks_ResumesTheSameRunAndScoresOnlyTheRest()
    {
        // Arrange: a run stopped after its first chunk, its other messages lost with the process
        await using var harness = await CatalogHarness.StartAsync(sample);
        var input = harness.Write("tracks.csv", CatalogHarness.Rows(250));
        var run = (await harness.Catalog.StartAsync(DatasetSource.FromFile(input), Ct)).Run!;
        var first = (await harness.Queue.ReceiveAsync(Ct))!;
        await harness.Worker.ProcessAsync(first.Message, first.DequeueCount, Ct);
        while (await harness.Queue.ReceiveAsync(Ct) is not null)
        {
        }

        // Act: started again, as `hitpredictor catalog` does
        await harness.Queue.RecoverAsync(Ct);
        var again = await harness.Catalog.StartAsync(DatasetSource.FromFile(input), Ct);
        var pending = await harness.Catalog.PendingAsync(again.Run!, Ct);
        await harness.Catalog.RequeueAsync(again.Run!, pending, Ct);
        await harness.DrainAsync();

        // Assert
        again.Resumed.Should().BeTrue();
        again.Run!.ModelVersion.Should().Be(run.ModelVersion);
        pending.Select(c => c.Index).Should().Equal(1, 2);
        ScoredCsv.ReadRows(harness.OutputPath("tracks.csv")).Select(r => r["track_id"]).Should().Equal(Enumerable.Range(0, 250).Select(i => $"id{i}"));
    }

    [Fact]
    public async Task ModelPublishedMidRun_EveryChunkScoredWithThePinnedVersion()
    {
        await using var harness = await CatalogHarness.StartAsync(sample);
        var run = (await harness.UploadAsync(harness.Write("tracks.csv", CatalogHarness.Rows(250)))).Run!;

        await harness.PublishAsync("v2");
        await harness.DrainAsync();

        run.ModelVersion.Should().Be("v1");
        (await harness.ReportAsync("tracks.csv")).ModelVersion.Should().Be("v1");
    }

    [Fact]
    public async Task IdenticalUpload_AnotherName_AnsweredFromTheEarlierRunWithoutScoring()
    {
        // Arrange
        await using var harness = await CatalogHarness.StartAsync(sample);
        var content = CatalogHarness.Rows(150);
        await harness.UploadAsync(harness.Write("first.csv", content));
        await harness.DrainAsync();

        // Act
        var second = await harness.UploadAsync(harness.Write("second.csv", content));

        // Assert
        second.Run.Should().BeNull();
        second.Report!.Should().BeEquivalentTo(new { Outcome = CatalogOutcome.AlreadyScored, AnsweredFrom = "first.csv", Output = "scored/second.csv", Rows = 150 });
        (await harness.Queue.ReceiveAsync(Ct)).Should().BeNull();
        File.ReadAllText(harness.OutputPath("second.csv")).Should().Be(File.ReadAllText(harness.OutputPath("first.csv")));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData(Csv.Header + "\n", "The file has a header but no tracks.")]
    [InlineData("\0\u0001PK\u0003\u0004binary", "not text CSV")]
    public async Task UnscoreableUpload_ReportSaysWhyAndNoOutput(string content, string reason)
    {
        await using var harness = await CatalogHarness.StartAsync(sample);

        var start = await harness.UploadAsync(harness.Write("bad.csv", content));

        start.Report!.Outcome.Should().Be(CatalogOutcome.Rejected);
        (await harness.ReportAsync("bad.csv")).Reason.Should().Contain(reason);
        File.Exists(harness.OutputPath("bad.csv")).Should().BeFalse();
        (await harness.Queue.ReceiveAsync(Ct)).Should().BeNull();
    }

    private static async Task ClaimMergeAsync(CatalogHarness harness, string runId, DateTimeOffset at)
    {
        var claim = Encoding.UTF8.GetBytes(at.ToString("O", CultureInfo.InvariantCulture));
        (await harness.Files.TryCreateAsync(CatalogNames.Runs, CatalogPaths.MergeClaim(runId, 0), claim, Ct)).Should().BeTrue();
    }
}
