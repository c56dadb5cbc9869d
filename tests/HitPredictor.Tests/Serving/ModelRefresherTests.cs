using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HitPredictor.Tests.Serving;

public sealed class ModelRefresherTests : IDisposable
{
    private readonly SampleModelFixture _sample;
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly EnginePool _pool;

    public ModelRefresherTests(SampleModelFixture sample)
    {
        _sample = sample;
        _pool = new EnginePool(2, _time);
    }

    private IModelStore Store => field ??= new CountingStore(ModelStoreFactory.ForFolder(_folder.Path));

    private CountingStore Counting => (CountingStore)Store;

    private ModelRefresher NewRefresher() => new(Store, _pool, _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_NothingPublished_ReportsWhyAndHowToPublish()
    {
        using var refresher = NewRefresher();

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.NothingPublished);
        refresher.Status.NotReadyReason().Should().Contain("hitpredictor publish");
        _pool.Current.Should().BeNull();
    }

    [Fact]
    public async Task Refresh_Published_LoadsItWithLoadTime()
    {
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Should().Be(RefreshOutcome.Swapped("v1"));
        refresher.Status.ModelVersion.Should().Be("v1");
        refresher.Status.LoadedAt.Should().Be(_time.GetUtcNow());
        refresher.Status.NotReadyReason().Should().BeNull();
    }

    [Fact]
    public async Task Refresh_PointerUnchanged_ChecksETagOnlyAndDownloadsNothing()
    {
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await refresher.RefreshAsync(Ct);
        var generation = _pool.Current;

        var outcome = await refresher.RefreshAsync(Ct);
        await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.Unchanged);
        Counting.Opens.Should().Be(1);
        Counting.ETagChecks.Should().Be(3);
        _pool.Current.Should().BeSameAs(generation);
    }

    [Fact]
    public async Task Refresh_NewVersionPublished_SwapsAndReleasesOld()
    {
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await refresher.RefreshAsync(Ct);
        var first = _pool.Current!;

        await ServingTestData.PublishAsync(Store, _sample, "v2");
        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Should().Be(RefreshOutcome.Swapped("v2"));
        _pool.Current!.Version.Should().Be("v2");
        first.IsReleased.Should().BeTrue();
    }

    [Fact]
    public async Task Refresh_CorruptModelZip_KeepsLastGoodModelAndReportsIt()
    {
        // Arrange
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await refresher.RefreshAsync(Ct);
        await Store.PutAsync("v2", "not a zip"u8.ToArray(), ServingTestData.CardJson(_sample, "v2"), Ct);
        await Store.SetCurrentAsync("v2", await Store.GetCurrentETagAsync(Ct), Ct);

        // Act
        var outcome = await refresher.RefreshAsync(Ct);

        // Assert
        outcome.Result.Should().Be(RefreshResult.Failed);
        outcome.Error.Should().Contain("model.zip of 'v2' is not an ML.NET model");
        _pool.Current!.Version.Should().Be("v1");
        refresher.Status.ModelVersion.Should().Be("v1");
        refresher.Status.LastError.Should().Contain("v2");
        var health = (ServingResult)new HealthHandler(_pool, refresher, Options.Create(new ServingOptions())).Handle();
        health.StatusCode.Should().Be(200);
        var lastError = health.Value.Should().BeOfType<HealthReport>().Which.LastError;
        lastError.Should().Contain("failed to load").And.Contain("still serving v1").And.NotContain("ML.NET").And.NotContain(_folder.Path);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("features")]
    [InlineData("genreShares")]
    public async Task Refresh_CardNotMatchingModel_KeepsLastGoodModel(string broken)
    {
        // Arrange
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await refresher.RefreshAsync(Ct);
        var card = _sample.Package.Card with { Version = "v2" };
        card = broken switch
        {
            "version" => card with { Version = "v-other" },
            "features" => card with { Features = [.. card.Features.Take(3), "bogus", "track_genre"] },
            _ => card with { GenreShares = new Dictionary<string, double> { ["not-a-genre"] = 1 } },
        };
        await Store.PutAsync("v2", ServingTestData.Stored(_sample, "v2").ModelZip, ModelCardJson.Serialize(card), Ct);
        await Store.SetCurrentAsync("v2", await Store.GetCurrentETagAsync(Ct), Ct);

        // Act
        var outcome = await refresher.RefreshAsync(Ct);

        // Assert
        outcome.Result.Should().Be(RefreshResult.Failed);
        _pool.Current!.Version.Should().Be("v1");
        refresher.Status.LastError.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Refresh_FailedVersionUnchanged_IsNotRetriedUntilReload()
    {
        using var refresher = NewRefresher();
        await Store.PutAsync("v1", "broken"u8.ToArray(), ServingTestData.CardJson(_sample, "v1"), Ct);
        await Store.SetCurrentAsync("v1", null, Ct);

        (await refresher.RefreshAsync(Ct)).Result.Should().Be(RefreshResult.Failed);
        (await refresher.RefreshAsync(Ct)).Result.Should().Be(RefreshResult.Unchanged);
        Counting.Opens.Should().Be(1);
        (await refresher.ReloadAsync(Ct)).Result.Should().Be(RefreshResult.Failed);
        Counting.Opens.Should().Be(2);
        refresher.Status.NotReadyReason().Should().Contain("last load failed");
        var health = (ServingResult)new HealthHandler(_pool, refresher, Options.Create(new ServingOptions())).Handle();
        health.StatusCode.Should().Be(503);
        health.BodyText().Should().NotContain(_folder.Path).And.NotContain("model.zip").And.NotContain(" at ");
    }

    [Fact]
    public async Task Refresh_PointerNamesMissingVersion_FailsAndKeepsServing()
    {
        using var refresher = NewRefresher();
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await refresher.RefreshAsync(Ct);

        await Store.SetCurrentAsync("v9", await Store.GetCurrentETagAsync(Ct), Ct);
        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.Failed);
        outcome.Error.Should().Contain("v9");
        _pool.Current!.Version.Should().Be("v1");
    }

    [Fact]
    public async Task Start_PointedVersionCorrupt_FallsBackToNewestVersionThatLoadsAndSaysWhy()
    {
        // Arrange: v1 and v2 good, v3 (newest, pointed at) random bytes; a fresh process has nothing loaded
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await ServingTestData.PublishAsync(Store, _sample, "v2");
        await PointAtCorruptAsync("v3");
        using var refresher = NewRefresher();

        // Act
        var outcome = await refresher.RefreshAsync(Ct);

        // Assert
        outcome.Should().Be(RefreshOutcome.FellBack("v2", "Version 'v3' does not load: its model.zip or card.json failed validation."));
        _pool.Current!.Version.Should().Be("v2");
        refresher.Status.Fallback.Should().Be(new ModelFallback("v3", "Version 'v3' does not load: its model.zip or card.json failed validation."));
        var health = (ServingResult)new HealthHandler(_pool, refresher, Options.Create(new ServingOptions())).Handle();
        health.StatusCode.Should().Be(200);
        var report = health.Value.Should().BeOfType<HealthReport>().Subject;
        report.Status.Should().Be("fallback");
        report.Fallback!.SkippedVersion.Should().Be("v3");
        report.Fallback.Reason.Should().NotContain(_folder.Path);
        var model = (ServingResult)new ModelHandler(_pool, refresher, Options.Create(new ServingOptions())).Handle();
        model.StatusCode.Should().Be(200);
        model.Headers.Should().ContainKey(ModelHandler.FallbackHeader).WhoseValue.Should().Contain("v3");
    }

    [Fact]
    public async Task Start_NewestFallbackCorruptToo_SkipsItForTheNextThatLoads()
    {
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await Store.PutAsync("v2", "random bytes"u8.ToArray(), ServingTestData.CardJson(_sample, "v2"), Ct);
        await PointAtCorruptAsync("v3");
        using var refresher = NewRefresher();

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.FellBack);
        _pool.Current!.Version.Should().Be("v1");
    }

    [Fact]
    public async Task Start_PointerUnreadable_FallsBackAndSaysThePointerIsUnreadable()
    {
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        File.WriteAllBytes(Path.Combine(_folder.Path, "models", ModelPointer.FileName), [0xFF, 0x00, 0x13, 0x37]);
        using var refresher = NewRefresher();

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.FellBack);
        refresher.Status.Fallback.Should().Be(new ModelFallback(null, "current.json is not a readable pointer."));
    }

    [Fact]
    public async Task Start_NoVersionLoads_AnswersNotReadyWithTheLoadError()
    {
        await PointAtCorruptAsync("v1");
        using var refresher = NewRefresher();

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Result.Should().Be(RefreshResult.Failed);
        _pool.Current.Should().BeNull();
        refresher.Status.Fallback.Should().BeNull();
        refresher.Status.NotReadyReason().Should().Contain("last load failed");
    }

    [Fact]
    public async Task Fallback_PointerMovedToTheFallbackVersion_ClearsTheFallback()
    {
        // Arrange
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await PointAtCorruptAsync("v2");
        using var refresher = NewRefresher();
        await refresher.RefreshAsync(Ct);

        // Act: a rollback to v1
        await Store.SetCurrentAsync("v1", await Store.GetCurrentETagAsync(Ct), Ct);
        var outcome = await refresher.RefreshAsync(Ct);

        // Assert
        outcome.Should().Be(RefreshOutcome.Unchanged("v1"));
        refresher.Status.Fallback.Should().BeNull();
        var health = (ServingResult)new HealthHandler(_pool, refresher, Options.Create(new ServingOptions())).Handle();
        health.Value.Should().BeOfType<HealthReport>().Which.Status.Should().Be("ok");
    }

    [Fact]
    public async Task Fallback_PollWithPointerUnchanged_DoesNotRetryTheCorruptVersion()
    {
        await ServingTestData.PublishAsync(Store, _sample, "v1");
        await PointAtCorruptAsync("v2");
        using var refresher = NewRefresher();
        await refresher.RefreshAsync(Ct);
        var opens = Counting.Opens;

        var outcome = await refresher.RefreshAsync(Ct);

        outcome.Should().Be(RefreshOutcome.Unchanged("v1"));
        Counting.Opens.Should().Be(opens);
        refresher.Status.Fallback!.SkippedVersion.Should().Be("v2");
    }

    /// <summary>Stores <paramref name="version"/> with random bytes for model.zip and points current.json at it.</summary>
    private async Task PointAtCorruptAsync(string version)
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        await Store.PutAsync(version, noise, ServingTestData.CardJson(_sample, version), Ct);
        await Store.SetCurrentAsync(version, await Store.GetCurrentETagAsync(Ct), Ct);
    }

    [Fact]
    public async Task RefreshService_PollInterval_PicksUpNewModelWithoutRestart()
    {
        // Arrange
        using var refresher = NewRefresher();
        var options = Options.Create(new ServingOptions { PollSeconds = 30 });
        using var service = new ModelRefreshService(refresher, options, _time, NullLogger<ModelRefreshService>.Instance);
        await ServingTestData.PublishAsync(Store, _sample, "v1");

        // Act
        await service.StartAsync(Ct);
        Eventually(() => _pool.Current?.Version == "v1");
        await ServingTestData.PublishAsync(Store, _sample, "v2");
        Eventually(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            return _pool.Current?.Version == "v2";
        });
        await service.StopAsync(Ct);

        // Assert
        refresher.Status.ModelVersion.Should().Be("v2");
    }

    /// <summary>Waits for a condition the background service makes true (bounded; no fixed sleeps).</summary>
    private static void Eventually(Func<bool> condition) =>
        SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(30)).Should().BeTrue();

    public void Dispose()
    {
        _pool.Dispose();
        _folder.Dispose();
    }
}
