using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Features;

namespace HitPredictor.Benchmarks;

/// <summary>
/// Single-track scoring through the pool while, with <see cref="Swapping"/>, another thread keeps loading the model
/// afresh (as a refresh does: read, validate, smoke-test) and swapping it in, pausing <see cref="SwapPauseMs"/> between
/// swaps. Each new generation makes its engines on first use, and the loads take CPU: both are part of the cost.
/// Allocations include the swapping thread's.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SwapBenchmarks
{
    public const int ScoresPerInvoke = 500;

    public const int SwapPauseMs = 100;

    private readonly ManualResetEventSlim _stop = new();
    private EnginePool _pool = null!;
    private StoredModel _stored = null!;
    private ModelInput[] _tracks = [];
    private Thread? _swapper;
    private Stopwatch _clock = new();
    private int _swaps;
    private int _next;

    [Params(false, true)]
    public bool Swapping { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stored = BenchmarkModel.Stored();
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        var generation = _pool.Swap(ModelLoader.Load(_stored), "\"0\"");
        _tracks = BenchmarkTracks.Inputs(generation.Card);
        if (Swapping)
        {
            _clock = Stopwatch.StartNew();
            _swapper = new Thread(SwapRepeatedly) { IsBackground = true, Name = "swapper" };
            _swapper.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Set();
        _swapper?.Join();
        if (Swapping)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {_swaps} swaps in {_clock.Elapsed.TotalSeconds:F1} s ({_swaps / _clock.Elapsed.TotalSeconds:F2}/s); live generation {_pool.Current?.Number}"));
        }

        _pool.Dispose();
        _stop.Dispose();
    }

    [Benchmark(OperationsPerInvoke = ScoresPerInvoke)]
    public int ScoreSingles()
    {
        var versions = 0;
        for (var i = 0; i < ScoresPerInvoke; i++)
        {
            using var lease = _pool.Rent();
            versions += lease.Predict(_tracks[_next++ % _tracks.Length]).ModelVersion.Length;
        }

        return versions;
    }

    private void SwapRepeatedly()
    {
        while (!_stop.IsSet)
        {
            var package = ModelLoader.Load(_stored);
            var swaps = Interlocked.Increment(ref _swaps);
            _pool.Swap(package, "\"" + swaps.ToString(CultureInfo.InvariantCulture) + "\"");
            _stop.Wait(SwapPauseMs);
        }
    }
}
