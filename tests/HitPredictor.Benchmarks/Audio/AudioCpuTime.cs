using System.Diagnostics;
using System.Globalization;
using HitPredictor.Audio;

namespace HitPredictor.Benchmarks.Audio;

/// <summary>
/// <c>audio-cpu [--runs N]</c>: the processor time (user + system, all threads) of one analysis of each
/// <see cref="BenchmarkTrack"/> file, averaged over N runs after one warm-up, beside the wall time. On a shared machine
/// the processor time moves much less with the load than BenchmarkDotNet's wall-clock figures do.
/// </summary>
public static class AudioCpuTime
{
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
        var analyzer = new AudioAnalyzer(new AudioAnalysisOptions());
        using var process = Process.GetCurrentProcess();
        output.WriteLine($"format  cpu/run  wall/run  allocated/run  (runs: {runs}, load average: {LoadAverage()})");
        foreach (var extension in BenchmarkTrack.Extensions)
        {
            var file = File.ReadAllBytes(BenchmarkTrack.Ensure(extension));
            var analysis = analyzer.Analyze(new MemoryStream(file, writable: false), CancellationToken.None);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                analyzer.Analyze(new MemoryStream(file, writable: false), CancellationToken.None);
            }

            wall.Stop();
            process.Refresh();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{extension,-6}  {(process.TotalProcessorTime - cpu).TotalSeconds / runs,6:F3} s  {wall.Elapsed.TotalSeconds / runs,6:F3} s  " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / runs / 1048576.0,8:F1} MB  " +
                $"[tempo {analysis.Tempo}, key {analysis.Key}, mode {analysis.Mode}, loudness {analysis.Loudness}, {analysis.DurationMs} ms]"));
        }

        output.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
