using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using HitPredictor.Audio;

namespace HitPredictor.Benchmarks.Audio;

/// <summary>
/// "Analysed audio file": <see cref="AudioAnalyzer.Analyze"/> over the whole 4-minute 44.1 kHz stereo
/// <see cref="BenchmarkTrack"/> in memory (decode, loudness, onsets, chroma, tempo and key), as WAV, Ogg Vorbis and
/// MP3, pinned to one core. Bars (#11): WAV and Ogg at most 1 s, MP3 at most 2 s.
/// </summary>
[Config(typeof(Config))]
public class AudioAnalysisBenchmarks
{
    private byte[] _file = [];
    private AudioAnalyzer _analyzer = null!;

    [ParamsSource(nameof(Formats))]
    public string Format { get; set; } = "wav";

    public static IEnumerable<string> Formats => BenchmarkTrack.Extensions;

    [GlobalSetup]
    public void Setup()
    {
        _file = File.ReadAllBytes(BenchmarkTrack.Ensure(Format));
        _analyzer = new AudioAnalyzer(new AudioAnalysisOptions());
    }

    [Benchmark]
    public AudioAnalysis AnalysedAudioFile() =>
        _analyzer.Analyze(new MemoryStream(_file, writable: false), CancellationToken.None);

    /// <summary>One core (affinity mask 1), 2 warm-up and 8 measured runs of about a second each, allocations.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithAffinity(1).WithWarmupCount(2).WithIterationCount(8).WithInvocationCount(1).WithUnrollFactor(1));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min);
        }
    }
}
