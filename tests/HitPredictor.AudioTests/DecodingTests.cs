using AwesomeAssertions;
using HitPredictor.Audio;
using HitPredictor.Audio.Decoding;

namespace HitPredictor.AudioTests;

public sealed class DecodingTests(ITestOutputHelper output)
{
    public static TheoryData<WavEncoding, int, int> WavLayouts()
    {
        var data = new TheoryData<WavEncoding, int, int>();
        int[] rates = [8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000];
        var i = 0;
        foreach (var encoding in Enum.GetValues<WavEncoding>())
        {
            foreach (var channels in new[] { 1, 2 })
            {
                data.Add(encoding, rates[i++ % rates.Length], channels);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WavLayouts))]
    public void Wav_AnyEncodingRateAndChannels_MeasuresDurationAndLevel(WavEncoding encoding, int rate, int channels)
    {
        const double seconds = 3.2537;
        var samples = Signals.Sine(997, -20, seconds, rate, channels);

        var analysis = Analyze.Wav(samples, rate, channels, encoding);

        output.WriteLine($"{encoding} {rate} Hz x{channels}: {analysis.DurationMs} ms, {analysis.Loudness:0.00} LUFS");
        analysis.Format.Should().Be(AudioFormat.Wav);
        analysis.SampleRate.Should().Be(rate);
        analysis.Channels.Should().Be(channels);
        analysis.DurationMs.Should().BeCloseTo(3254, 10);
        analysis.Loudness.Should().BeApproximately(channels == 2 ? -20.0 : -23.0, 0.5);
    }

    [Theory]
    [InlineData("mp3", AudioFormat.Mp3, 44100, 2)]
    [InlineData("mp3", AudioFormat.Mp3, 22050, 1)]
    [InlineData("mp3", AudioFormat.Mp3, 48000, 2)]
    [InlineData("ogg", AudioFormat.OggVorbis, 44100, 2)]
    [InlineData("ogg", AudioFormat.OggVorbis, 16000, 1)]
    [InlineData("ogg", AudioFormat.OggVorbis, 96000, 2)]
    public void Encoded_GeneratedTrack_MeasuresLikeTheWav(string extension, AudioFormat format, int rate, int channels)
    {
        // Arrange: a drum pattern at 120 BPM over an A minor progression, encoded by ffmpeg.
        var rhythm = Signals.Rhythm(120, drums: true, 12, rate, channels, seed: 7);
        var chords = Signals.Progression(9, major: false, voicing: 0, rate, channels);
        var mix = rhythm.Zip(chords, (a, b) => a + b).ToArray();
        var wav = WavWriter.Write(mix, rate, channels, WavEncoding.IeeeFloat32);
        var encoded = Ffmpeg.Encode(wav, extension);

        // Act
        var reference = Analyze.Bytes(wav);
        var analysis = Analyze.Bytes(encoded);

        // Assert
        output.WriteLine($"{format} {rate} Hz x{channels}: {encoded.Length:N0} bytes, {analysis.DurationMs} ms (wav {reference.DurationMs}), "
            + $"{analysis.Loudness:0.00} LUFS (wav {reference.Loudness:0.00}), {analysis.Tempo} BPM, key {analysis.Key} mode {analysis.Mode}");
        analysis.Format.Should().Be(format);
        analysis.SampleRate.Should().Be(rate);
        analysis.Channels.Should().Be(channels);
        // MP3 adds the encoder's delay and padding (NLayer does not trim gaplessly): up to about 70 ms at 22 kHz. Both
        // lossy encoders low-pass the bright hi-hat noise the K-weighting counts, so the level may drop by up to ~0.9 dB.
        var mp3 = format == AudioFormat.Mp3;
        analysis.DurationMs.Should().BeCloseTo(reference.DurationMs, mp3 ? 100u : 10u);
        analysis.Loudness.Should().BeApproximately(reference.Loudness!.Value, 1.0);
        analysis.Tempo.Should().BeApproximately(120, 2.4);
        (analysis.Key, analysis.Mode).Should().Be((9, 0));
    }

    [Fact]
    public async Task Wav_NamedAsMp3_IsDetectedFromItsBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-{Guid.NewGuid():N}.mp3");
        File.WriteAllBytes(path, WavWriter.Write(Signals.Sine(440, -10, 3, 22050, 1), 22050, 1));
        try
        {
            var analysis = await new AudioAnalyzer(new AudioAnalysisOptions()).AnalyzeFileAsync(path, TestContext.Current.CancellationToken);

            analysis.Format.Should().Be(AudioFormat.Wav);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
