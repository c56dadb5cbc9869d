using BenchmarkDotNet.Attributes;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;

namespace HitPredictor.Benchmarks;

/// <summary>
/// One explained track (<c>?explain=true</c>): <see cref="TrackExplainer.TryExplain"/> with 2, 3 (the default) and 4
/// antithetic pairs of feature orders, beside one direct forest evaluation (the unit an explanation is made of). Each
/// call explains the next of the sample's tracks.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ExplainBenchmarks
{
    private ForestEvaluator _evaluator = null!;
    private TrackExplainer _explainer = null!;
    private ModelInput[] _tracks = [];
    private float[] _probabilities = [];
    private int _next;

    [Params(2, TrackExplainer.DefaultPairs, 4)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var package = BenchmarkModel.Load();
        if (!TrackExplainer.TryCreate(package, out var explainer, out var reason, Pairs) || !ForestEvaluator.TryCreate(package, out var evaluator, out reason))
        {
            throw new InvalidOperationException(reason);
        }

        _explainer = explainer;
        _evaluator = evaluator;
        _probabilities = new float[evaluator.Classes];
        _tracks = BenchmarkTracks.Inputs(package.Card);
    }

    [Benchmark(Baseline = true)]
    public float OneForestEvaluation()
    {
        _evaluator.Predict(Next(), _probabilities);
        return _probabilities[0];
    }

    [Benchmark]
    public TrackExplanation? ExplainOneTrack() => _explainer.TryExplain(Next(), out var explanation, out _) ? explanation : null;

    private ModelInput Next() => _tracks[_next++ % _tracks.Length];
}
