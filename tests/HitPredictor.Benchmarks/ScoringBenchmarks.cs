using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;

namespace HitPredictor.Benchmarks;

/// <summary>
/// One track, three ways: a bare <see cref="PredictionEngine{TSrc,TDst}"/> (the reference), through the
/// <see cref="EnginePool"/> (rent, <see cref="TierPredictor"/>, return: what a request pays), and a new engine per
/// request (the naive baseline). Each call scores the next of the sample's tracks, so the trees take varied paths.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ScoringBenchmarks
{
    private ModelPackage _package = null!;
    private MLContext _ml = null!;
    private PredictionEngine<ModelInput, ModelOutput> _engine = null!;
    private EnginePool _pool = null!;
    private ModelInput[] _tracks = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _package = BenchmarkModel.Load();
        _ml = new MLContext(seed: 0);
        _engine = _package.CreateEngine(_ml);
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        _tracks = BenchmarkTracks.Inputs(_package.Card);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _pool.Dispose();
        (_package.Model as IDisposable)?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ModelOutput BareEngine() => _engine.Predict(Next());

    [Benchmark]
    public TierPrediction Pool()
    {
        using var lease = _pool.Rent();
        return lease.Predict(Next());
    }

    [Benchmark]
    public TierPrediction NewEnginePerRequest()
    {
        using var engine = _package.CreateEngine(_ml);
        return TierPredictor.Predict(_package, engine, Next());
    }

    private ModelInput Next() => _tracks[_next++ % _tracks.Length];
}
