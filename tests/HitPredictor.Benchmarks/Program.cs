using BenchmarkDotNet.Running;
using HitPredictor.Benchmarks;
using HitPredictor.Benchmarks.Audio;
using HitPredictor.Benchmarks.Load;

if (args is ["load", .. var loadArgs])
{
    return await LoadRun.RunAsync(loadArgs, Console.Out, CancellationToken.None);
}

if (args is ["family-figures", .. var familyArgs])
{
    return FamilyFigures.Run(familyArgs, Console.Out);
}

if (args is ["explain-stability", .. var stabilityArgs])
{
    return ExplainStability.Run(stabilityArgs, Console.Out);
}

if (args is ["audio-cpu", .. var cpuArgs])
{
    return AudioCpuTime.Run(cpuArgs, Console.Out);
}

// Audio analysis needs no model: write the track's files here (ffmpeg runs once), then benchmark them.
if (args is ["audio", .. var audioArgs])
{
    foreach (var extension in BenchmarkTrack.Extensions)
    {
        Console.WriteLine(BenchmarkTrack.Ensure(extension));
    }

    BenchmarkRunner.Run<AudioAnalysisBenchmarks>(args: audioArgs);
    return 0;
}

// The model is chosen (or trained once and cached) here, in the host process; the benchmark processes
// BenchmarkDotNet starts inherit HITPREDICTOR_BENCH_MODEL and load that folder.
var rest = BenchmarkModel.Prepare(args, Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkModel).Assembly).Run(rest);
return 0;
