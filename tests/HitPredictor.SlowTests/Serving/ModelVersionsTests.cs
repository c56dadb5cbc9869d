using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Cli;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HitPredictor.Tests.Serving;

/// <summary>
/// A store's versions: listing them (<c>hitpredictor models list</c>, <c>GET /api/models</c>) and making an older one live
/// again (<c>hitpredictor models rollback</c>, <see cref="ModelRollback"/>).
/// </summary>
public sealed class ModelVersionsTests(SampleModelFixture sample) : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IModelStore Store => ModelStoreFactory.ForFolder(_folder.Path);

    [Fact]
    public async Task List_TwoPublished_NewestFirstWithTheLiveOneMarkedAndItsFigures()
    {
        // Arrange
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");

        // Act
        var list = await ModelVersions.ListAsync(Store, Ct);

        // Assert
        list.Live.Should().Be("v2");
        list.Versions.Select(v => (v.Version, v.Live)).Should().Equal(("v2", true), ("v1", false));
        list.Versions[0].MacroF1.Should().Be(sample.Package.Card.Metrics.MacroF1);
        list.Versions[0].Dataset.Should().Be(sample.Package.Card.Dataset.Name);
    }

    [Fact]
    public async Task List_HalfWrittenAndStagingFolders_AreNotVersions()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "models", "v2"));
        File.WriteAllText(Path.Combine(_folder.Path, "models", "v2", "model.zip"), "half a version");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "models", ".staging-v3-abc"));

        var list = await ModelVersions.ListAsync(Store, Ct);

        list.Versions.Select(v => v.Version).Should().Equal("v1");
    }

    [Fact]
    public async Task List_UnreadableCardAndPointer_StillListsTheVersionsAndSaysWhy()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");
        File.WriteAllText(Path.Combine(_folder.Path, "models", "v1", "card.json"), "{ not json");
        File.WriteAllText(Path.Combine(_folder.Path, "models", "current.json"), "garbage");

        var list = await ModelVersions.ListAsync(Store, Ct);

        list.Live.Should().BeNull();
        list.Versions.Should().HaveCount(2);
        list.Versions.Single(v => v.Version == "v1").Problem.Should().Contain("card.json");
        list.Versions.Single(v => v.Version == "v2").Problem.Should().BeNull();
    }

    [Fact]
    public async Task Handler_CalledAgainWithinSeconds_AnswersFromItsCopy()
    {
        // Arrange
        var counting = new CountingStore(Store);
        await ServingTestData.PublishAsync(counting, sample, "v1");
        var time = new FakeTimeProvider();
        using var handler = new ModelsHandler(counting, time, NullLogger<ModelsHandler>.Instance);

        // Act
        await handler.HandleAsync(Ct);
        await handler.HandleAsync(Ct);
        var listingsBefore = counting.Listings;
        time.Advance(TimeSpan.FromMinutes(1));
        var result = (ServingResult)await handler.HandleAsync(Ct);

        // Assert
        listingsBefore.Should().Be(1);
        counting.Listings.Should().Be(2);
        ((ModelVersionList)result.Value!).Versions.Should().ContainSingle(v => v.Version == "v1" && v.Live);
    }

    [Fact]
    public async Task ModelsListCommand_TwoPublished_PrintsBothAndMarksTheLiveOne()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");

        var table = await CliRunner.RunAsync(null, "models", "list", "--store", _folder.Path);
        var json = await CliRunner.RunAsync(null, "models", "list", "--store", _folder.Path, "--json");

        table.ExitCode.Should().Be(0, table.Output);
        table.Output.Should().Contain("v1").And.Contain("v2").And.Contain("live: v2");
        var parsed = JsonNode.Parse(json.Output)!;
        parsed["live"]!.GetValue<string>().Should().Be("v2");
        parsed["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).Should().BeEquivalentTo("v1", "v2");
    }

    [Fact]
    public async Task Rollback_ToTheOlderVersion_MovesThePointerAndRecordsIt()
    {
        // Arrange
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");

        // Act
        var outcome = await ModelRollback.RollBackAsync(Store, Reports, "v1", TimeProvider.System, Ct);

        // Assert
        outcome.PreviousVersion.Should().Be("v2");
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v1");
        var record = JsonNode.Parse(await File.ReadAllTextAsync(outcome.Record!, Ct))!;
        record["version"]!.GetValue<string>().Should().Be("v1");
        record["previousVersion"]!.GetValue<string>().Should().Be("v2");
        record["outcome"]!.GetValue<string>().Should().Be(RollbackRecord.RolledBack);
        Path.GetDirectoryName(outcome.Record).Should().Be(Path.Combine(_folder.Path, "reports", "_rollbacks"));
    }

    [Theory]
    [InlineData("v9")]
    [InlineData("../v1")]
    public async Task Rollback_VersionNotInTheStore_IsRefusedAndThePointerStays(string version)
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");

        var rollback = () => ModelRollback.RollBackAsync(Store, Reports, version, TimeProvider.System, Ct);

        await rollback.Should().ThrowAsync<ModelNotFoundException>();
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v2");
        Directory.Exists(Path.Combine(_folder.Path, "reports")).Should().BeFalse("nothing happened, so nothing is recorded");
    }

    [Fact]
    public async Task Rollback_StoredVersionThatDoesNotLoad_IsRefusedAsPublishRefusesIt()
    {
        // Arrange: v0 is in the store with a readable card but a model.zip that is not a model
        await ServingTestData.PublishAsync(Store, sample, "v2");
        var v0 = Path.Combine(_folder.Path, "models", "v0");
        Directory.CreateDirectory(v0);
        await File.WriteAllTextAsync(Path.Combine(v0, "model.zip"), "not a model", Ct);
        await File.WriteAllTextAsync(Path.Combine(v0, "card.json"), ServingTestData.CardJson(sample, "v0"), Ct);

        // Act
        var rollback = () => ModelRollback.RollBackAsync(Store, Reports, "v0", TimeProvider.System, Ct);

        // Assert
        (await rollback.Should().ThrowAsync<ModelValidationException>()).Which.Message.Should().Contain("model.zip");
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v2");
    }

    [Fact]
    public async Task Rollback_PointerMovedWhileRecording_ConflictsAndRecordsTheConflict()
    {
        // Arrange: another publisher moves the pointer between this rollback's read and its move
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");
        var reports = new InterferingReports(Reports, () => ServingTestData.PublishAsync(Store, sample, "v3"));

        // Act
        var rollback = () => ModelRollback.RollBackAsync(Store, reports, "v1", TimeProvider.System, Ct);

        // Assert
        await rollback.Should().ThrowAsync<PointerConflictException>();
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v3");
        var record = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_folder.Path, "reports", "_rollbacks")).Single(), Ct))!;
        record["outcome"]!.GetValue<string>().Should().Be(RollbackRecord.Conflict);
    }

    [Fact]
    public async Task Rollback_ToTheLiveVersion_ChangesAndRecordsNothing()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        var etag = await Store.GetCurrentETagAsync(Ct);

        var outcome = await ModelRollback.RollBackAsync(Store, Reports, "v1", TimeProvider.System, Ct);

        outcome.Record.Should().BeNull();
        (await Store.GetCurrentETagAsync(Ct)).Should().Be(etag);
    }

    [Fact]
    public async Task ModelsRollbackCommand_OlderVersion_MakesItLiveAndListMarksIt()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");
        await ServingTestData.PublishAsync(Store, sample, "v2");

        var rollback = await CliRunner.RunAsync(null, "models", "rollback", "--store", _folder.Path, "--version", "v1");
        var list = await CliRunner.RunAsync(null, "models", "list", "--store", _folder.Path);

        rollback.ExitCode.Should().Be(0, rollback.Output);
        rollback.Output.Should().Contain("points at v1 (was v2)").And.Contain("_rollbacks");
        list.Output.Should().Contain("live: v1");
    }

    [Fact]
    public async Task ModelsRollbackCommand_UnknownVersion_ExitsTwoNamingItAndHowToList()
    {
        await ServingTestData.PublishAsync(Store, sample, "v1");

        var outcome = await CliRunner.RunAsync(null, "models", "rollback", "--store", _folder.Path, "--version", "v9");

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("error:").And.Contain("'v9'").And.Contain("models list");
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v1");
    }

    [Fact]
    public async Task ModelsRollbackCommand_NoVersion_ExitsTwoNamingTheOption()
    {
        var outcome = await CliRunner.RunAsync(null, "models", "rollback", "--store", _folder.Path);

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("--version");
    }

    public void Dispose() => _folder.Dispose();

    private IReportStore Reports => RetrainStoreFactory.ForFolder(_folder.Path, Store, new ServingOptions(), TimeProvider.System).Reports;

    /// <summary>The folder's report store, running <paramref name="interfere"/> before it writes a rollback record.</summary>
    private sealed class InterferingReports(IReportStore inner, Func<Task> interfere) : IReportStore
    {
        public string Locate(string dataset, string runId) => inner.Locate(dataset, runId);

        public Task WriteAsync(RetrainReport report, CancellationToken cancellationToken) => inner.WriteAsync(report, cancellationToken);

        public Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken) =>
            inner.WriteModelSectionAsync(dataset, runId, section, cancellationToken);

        public string LocateRollback(string runId) => inner.LocateRollback(runId);

        public async Task WriteRollbackAsync(RollbackRecord record, CancellationToken cancellationToken)
        {
            if (record.Outcome == RollbackRecord.RolledBack)
            {
                await interfere();
            }

            await inner.WriteRollbackAsync(record, cancellationToken);
        }
    }
}
