using AwesomeAssertions;

namespace HitPredictor.AudioTests;

/// <summary>
/// Integrated loudness against EBU Tech 3341 (v4, 2023) table 1 test cases 1-5 (stereo 1 kHz sines, expected
/// -23.0 +-0.1 LUFS, built here from their published levels and durations) and the BS.1770 identity that a 997 Hz
/// sine at -20 dBFS in one channel reads -23.0 LUFS, in two -20.0 LUFS (a 1 kHz sine gains about 0.69 dB through the
/// K-weighting, which the -0.691 offset cancels). Our bar: within 0.5 dB.
/// </summary>
public sealed class LoudnessTests(ITestOutputHelper output)
{
    public static TheoryData<string, (double Dbfs, double Seconds)[], double> EbuCases => new()
    {
        { "3341 case 1", [(-23, 20)], -23.0 },
        { "3341 case 2", [(-33, 20)], -33.0 },
        { "3341 case 3", [(-36, 10), (-23, 60), (-36, 10)], -23.0 },
        { "3341 case 4", [(-72, 10), (-36, 10), (-23, 60), (-36, 10), (-72, 10)], -23.0 },
        { "3341 case 5", [(-26, 20), (-20, 20.1), (-26, 20)], -23.0 },
    };

    [Theory]
    [MemberData(nameof(EbuCases))]
    public void Loudness_EbuTech3341Case_ReadsWithinHalfDecibel(string name, (double Dbfs, double Seconds)[] parts, double expected)
    {
        const int rate = 48000;
        var samples = Signals.Concat(parts.Select(p => Signals.Sine(1000, p.Dbfs, p.Seconds, rate, 2)).ToArray());

        var analysis = Analyze.Wav(samples, rate, 2, WavEncoding.IeeeFloat32);

        output.WriteLine($"{name}: {analysis.Loudness:0.00} LUFS, expected {expected:0.0}");
        analysis.Loudness.Should().BeApproximately(expected, 0.5);
    }

    [Theory]
    [InlineData(8000, 1, -23.0)]
    [InlineData(16000, 2, -20.0)]
    [InlineData(22050, 1, -23.0)]
    [InlineData(44100, 2, -20.0)]
    [InlineData(48000, 1, -23.0)]
    [InlineData(88200, 2, -20.0)]
    [InlineData(96000, 2, -20.0)]
    public void Loudness_997HzAtMinus20Dbfs_ReadsBs1770Value(int rate, int channels, double expected)
    {
        var analysis = Analyze.Wav(Signals.Sine(997, -20, 5, rate, channels), rate, channels, WavEncoding.Pcm24);

        output.WriteLine($"{rate} Hz x{channels}: {analysis.Loudness:0.00} LUFS, expected {expected:0.0}");
        analysis.Loudness.Should().BeApproximately(expected, 0.5);
    }
}
