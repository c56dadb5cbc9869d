using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Benchmarks;

/// <summary>
/// A 1,000-track batch (the service's largest) on one lease: one engine after another, and shared by one engine
/// per processor of the same generation, as <c>POST /api/score</c> does.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BatchBenchmarks
{
    public const int BatchSize = 1_000;

    private EnginePool _pool = null!;
    private ModelInput[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        var generation = _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        _batch = BenchmarkTracks.Inputs(generation.Card, BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark(Baseline = true)]
    public TierPrediction[] Sequential()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch(_batch, maxDegreeOfParallelism: 1);
    }

    [Benchmark]
    public TierPrediction[] Parallel()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch(_batch);
    }
}
