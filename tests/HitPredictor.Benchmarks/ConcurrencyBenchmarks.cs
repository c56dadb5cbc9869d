using BenchmarkDotNet.Attributes;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Features;

namespace HitPredictor.Benchmarks;

/// <summary>
/// Total throughput of <see cref="Scorers"/> threads each scoring single tracks through one pool (rent, predict,
/// return). Times are per score across all threads: scores per second = 1 s / mean. <see cref="PoolSize"/> 4 is
/// what <c>hitpredictor serve</c> keeps on two cores (twice the processor count); 16 keeps an engine per scorer.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ConcurrencyBenchmarks
{
    public const int ScoresPerInvoke = 1_600;

    private EnginePool _pool = null!;
    private ModelInput[] _tracks = [];

    [Params(2, 16)]
    public int Scorers { get; set; }

    [Params(4, 16)]
    public int PoolSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pool = new EnginePool(PoolSize);
        var generation = _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        _tracks = BenchmarkTracks.Inputs(generation.Card);
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark(OperationsPerInvoke = ScoresPerInvoke)]
    public int ConcurrentScorers()
    {
        var perScorer = ScoresPerInvoke / Scorers;
        var scored = 0;
        var threads = new Thread[Scorers];
        for (var s = 0; s < threads.Length; s++)
        {
            var first = s * perScorer;
            threads[s] = new Thread(() =>
            {
                for (var i = first; i < first + perScorer; i++)
                {
                    using var lease = _pool.Rent();
                    lease.Predict(_tracks[i % _tracks.Length]);
                }

                Interlocked.Add(ref scored, perScorer);
            });
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return scored;
    }
}
