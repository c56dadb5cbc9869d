using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Benchmarks;

/// <summary>
/// A 1,000-track batch (the service's largest) on one lease: one prediction engine call after another (the
/// reference), and as <c>POST /api/score</c> scores it, with the forest evaluated directly tree by tree over the batch.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BatchBenchmarks
{
    public const int BatchSize = 1_000;

    private EnginePool _pool = null!;
    private ModelGeneration _generation = null!;
    private ModelInput[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        _generation = _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        _batch = BenchmarkTracks.Inputs(_generation.Card, BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark(Baseline = true)]
    public TierPrediction[] EngineOneByOne()
    {
        using var lease = _pool.Rent();
        return Array.ConvertAll(_batch, track => TierPredictor.Predict(lease.Engine, _generation.Family, track));
    }

    [Benchmark]
    public TierPrediction[] Lease()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch(_batch);
    }
}
