using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Benchmarks;

/// <summary>
/// 1,000-track batches with partial input on one lease, shared by one engine per processor as <c>POST /api/score</c>
/// does (issue #11: a genre-less batch answered in under 2 s): without genre (the no-genre member, one evaluation a
/// track), and with only the six audio-measurable fields and genre but the key, mode and time signature missing too (the
/// full member's gaps integrated out over the genre's rows).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class PartialInputBenchmarks
{
    private EnginePool _pool = null!;
    private ModelInput[] _genreLess = [];
    private ModelInput[] _withGaps = [];

    [GlobalSetup]
    public void Setup()
    {
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        var generation = _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        if (!generation.Family.AcceptsPartialInput)
        {
            throw new InvalidOperationException($"Model {generation.Version} has no family for partial input; train it again.");
        }

        _genreLess = BenchmarkTracks.Inputs(generation.Card, BatchBenchmarks.BatchSize);
        foreach (var input in _genreLess)
        {
            input.Genre = "";
        }

        _withGaps = BenchmarkTracks.Inputs(generation.Card, BatchBenchmarks.BatchSize);
        foreach (var input in _withGaps)
        {
            input.Key = input.Mode = input.TimeSignature = float.NaN;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark]
    public TierPrediction[] GenreLess()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch(_genreLess);
    }

    [Benchmark]
    public TierPrediction[] KeyModeTimeSignatureMissing()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch(_withGaps);
    }
}
