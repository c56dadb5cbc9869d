namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Memory at the end of a run. <see cref="PeakWorkingSetBytes"/> is the process's high-water mark since it started
/// (in a long-lived host it may come from an earlier run); the managed-heap figure is the largest seen after any step
/// of this run; allocations are this run's.
/// </summary>
public sealed record MemoryReport(long PeakWorkingSetBytes, long MaxManagedHeapBytes, long AllocatedBytes);
