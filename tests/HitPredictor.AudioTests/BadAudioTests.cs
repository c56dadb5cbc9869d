using System.Text;
using AwesomeAssertions;
using HitPredictor.Audio;

namespace HitPredictor.AudioTests;

public sealed class BadAudioTests
{
    private static AudioProblem ProblemOf(byte[] bytes, AudioAnalysisOptions? options = null)
    {
        var act = () => Analyze.Bytes(bytes, options);
        return act.Should().Throw<AudioRejectedException>().Which.Problem;
    }

    [Fact]
    public void Analyze_Empty_IsEmpty() => ProblemOf([]).Should().Be(AudioProblem.Empty);

    [Fact]
    public void Analyze_Text_IsNotAudio() =>
        ProblemOf(Encoding.UTF8.GetBytes("track_id,artists,popularity\n1,a,50\n")).Should().Be(AudioProblem.NotAudio);

    [Fact]
    public void Analyze_RandomBytes_IsNotAudio() =>
        ProblemOf([.. Enumerable.Range(0, 5000).Select(i => (byte)((i * 37) + 11))]).Should().Be(AudioProblem.NotAudio);

    [Fact]
    public void Analyze_Flac_IsUnsupported() =>
        ProblemOf([.. "fLaC"u8, .. new byte[100]]).Should().Be(AudioProblem.UnsupportedFormat);

    [Fact]
    public void Analyze_TruncatedWav_IsTruncated()
    {
        var wav = WavWriter.Write(Signals.Sine(440, -10, 4, 22050, 2), 22050, 2);

        ProblemOf(wav[..(wav.Length / 2)]).Should().Be(AudioProblem.Truncated);
    }

    [Fact]
    public void Analyze_HalfSecond_IsTooShort() =>
        ProblemOf(WavWriter.Write(Signals.Sine(440, -10, 0.5, 22050, 1), 22050, 1)).Should().Be(AudioProblem.TooShort);

    [Fact]
    public void Analyze_OverByteLimit_IsTooLarge() =>
        ProblemOf(WavWriter.Write(Signals.Sine(440, -10, 3, 22050, 1), 22050, 1), new AudioAnalysisOptions { MaxBytes = 10_000 })
            .Should().Be(AudioProblem.TooLarge);

    [Fact]
    public void Analyze_OverLengthLimit_IsTooLong() =>
        ProblemOf(WavWriter.Write(Signals.Sine(440, -10, 9, 8000, 1), 8000, 1), new AudioAnalysisOptions { MaxMinutes = 0.1 })
            .Should().Be(AudioProblem.TooLong);

    [Fact]
    public void Analyze_Silence_LeavesTempoKeyAndLoudnessUnmeasured()
    {
        var analysis = Analyze.Wav(new float[22050 * 5], 22050, 1);

        analysis.DurationMs.Should().Be(5000);
        analysis.Tempo.Should().BeNull();
        analysis.Unmeasured.Keys.Should().BeEquivalentTo(["loudness", "tempo", "key", "mode"]);
        analysis.Measured.Should().Equal("duration_ms");
        analysis.Assumed.Should().Equal("time_signature");
    }

    [Fact]
    public void Analyze_Clipped_WarnsAndStillMeasures()
    {
        var loud = Signals.Sine(220, 6, 4, 44100, 2).Select(s => Math.Clamp(s, -1f, 1f)).ToArray();

        var analysis = Analyze.Wav(loud, 44100, 2, WavEncoding.IeeeFloat32);

        analysis.Warnings.Should().ContainSingle(w => w.StartsWith("clipped:", StringComparison.Ordinal));
        analysis.Loudness.Should().NotBeNull();
    }

    [Fact]
    public void Analyze_CleanTone_HasNoWarning() =>
        Analyze.Wav(Signals.Sine(997, -1, 4, 44100, 2), 44100, 2, WavEncoding.IeeeFloat32).Warnings.Should().BeEmpty();

    [Fact]
    public void Analyze_SteadyTone_LeavesTempoUnmeasuredWithTheReason()
    {
        var analysis = Analyze.Wav(Signals.Sine(997, -20, 6, 44100, 2), 44100, 2);

        analysis.Tempo.Should().BeNull();
        analysis.Unmeasured["tempo"].Should().StartWith("no onsets");
        analysis.Measured.Should().Contain("loudness");
    }
}
