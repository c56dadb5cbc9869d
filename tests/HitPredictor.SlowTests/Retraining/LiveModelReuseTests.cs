using AwesomeAssertions;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Serving;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Modeling;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace HitPredictor.Tests.Retraining;

/// <summary>
/// The gate's live model: the serving pool's generation when the pool serves the version <c>current.json</c> names
/// (nothing downloaded, the generation left serving), the store's copy otherwise (another process, <c>hitpredictor retrain</c>).
/// </summary>
public sealed class LiveModelReuseTests(SampleModelFixture sample) : IDisposable
{
    private readonly RetrainHarness _harness = new();
    private readonly LogRecorder _logs = new();

    [Fact]
    public async Task Run_PoolServesTheLiveVersion_ComparesWithThePoolsModelWithoutDownloadingIt()
    {
        // Arrange
        var live = await _harness.PublishLiveAsync(sample);
        using var pool = new EnginePool(poolSize: 1);
        var generation = pool.Swap(await _harness.LoadAsync(live.Version), live.Current.ETag);
        var store = new CountingStore(_harness.Models);
        var upload = _harness.Write("upload.csv", File.ReadAllBytes(TestPaths.Sample));
        var unseen = await UnseenByLiveAsync(upload);

        // Act
        var report = await RunAsync(upload, store, pool);

        // Assert
        store.Opens.Should().Be(0, "the pool already holds the live version");
        report.Live!.Version.Should().Be(live.Version);
        report.Comparison!.Method.Should().Be(ComparisonMethod.UnseenByBoth);
        var expected = HoldoutEvaluator.Evaluate(new MLContext(0), sample.Package, unseen).Metrics;
        report.Live.Rows.Should().Be(unseen.Length);
        report.Live.MacroF1.Should().BeApproximately(expected.MacroF1, 1e-9, "the pool's model is the live model");
        report.Live.Accuracy.Should().BeApproximately(expected.Accuracy, 1e-9);
        _logs.Records.Should().ContainSingle(r => r.Id.Name == "LiveModelFromPool").Which.Message.Should().Contain(live.Version);
        generation.IsReleased.Should().BeFalse("the run let its reference go without disposing the model the pool serves");
        using var lease = pool.Rent();
        lease.Generation.Should().BeSameAs(generation);
    }

    [Fact]
    public async Task Run_PoolServesAnotherVersion_LoadsTheLiveVersionFromTheStore()
    {
        // Arrange: the pool is behind the pointer (or serves nothing, as in hitpredictor retrain).
        var live = await _harness.PublishLiveAsync(sample);
        using var pool = new EnginePool(poolSize: 1);
        var loaded = await _harness.LoadAsync(live.Version);
        var behind = loaded.WithCard(loaded.Card with { Version = "older-version" });
        var generation = pool.Swap(behind, "other-etag");
        var store = new CountingStore(_harness.Models);
        var upload = _harness.Write("upload.csv", File.ReadAllBytes(TestPaths.Sample));

        // Act
        var report = await RunAsync(upload, store, pool);

        // Assert
        store.Opens.Should().Be(1, "the live version is downloaded once, for the comparison");
        report.Live!.Version.Should().Be(live.Version);
        _logs.Records.Should().NotContain(r => r.Id.Name == "LiveModelFromPool");
        generation.IsReleased.Should().BeFalse();
    }

    /// <summary>The candidate's held-out tracks the live (sample) model never trained on: the rows both are compared on.</summary>
    private async Task<LabelledTrack[]> UnseenByLiveAsync(string upload) =>
        [.. (await _harness.HeldOutAsync(upload)).Where(t => !sample.Package.TrainingKeys!.Contains(t.Track))];

    private async Task<RetrainReport> RunAsync(string upload, CountingStore store, EnginePool pool)
    {
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        return await _harness.RunAsync(upload, store, pool, factory.CreateLogger<RetrainService>());
    }

    public void Dispose()
    {
        _harness.Dispose();
        _logs.Dispose();
    }
}
