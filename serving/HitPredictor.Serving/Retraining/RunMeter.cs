using System.Diagnostics;

namespace HitPredictor.Serving.Retraining;

/// <summary>Times each step of a run into the report and keeps the largest managed heap seen between steps.</summary>
internal sealed class RunMeter(RetrainReport report)
{
    private readonly Stopwatch _clock = new();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private long _maxHeap = GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>The step running now, for failure messages.</summary>
    public string Current { get; private set; } = "start";

    public void Step(string name)
    {
        Close();
        Current = name;
        _clock.Restart();
    }

    public MemoryReport Finish()
    {
        Close();
        using var process = Process.GetCurrentProcess();
        return new MemoryReport(process.PeakWorkingSet64, _maxHeap, GC.GetTotalAllocatedBytes() - _allocatedAtStart);
    }

    private void Close()
    {
        if (_clock.IsRunning)
        {
            _clock.Stop();
            report.Timings[Current] = Math.Round(_clock.Elapsed.TotalSeconds, 3);
        }

        _maxHeap = Math.Max(_maxHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}
