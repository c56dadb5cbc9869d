using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace HitPredictor.Benchmarks;

/// <summary>
/// One modest job for every benchmark class (3 warm-up and 10 measured iterations: a few minutes per class on two
/// cores), allocations per operation, and the median, 95th percentile and minimum beside the mean
/// (on a shared machine the minimum is the best estimate of the uncontended cost).
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min);
    }
}
