using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Cli;
using HitPredictor.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HitPredictor.Tests.Serving;

/// <summary>Listing a store's versions: <c>hitpredictor models list</c> and <c>GET /api/models</c>.</summary>
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

    public void Dispose() => _folder.Dispose();
}
