using HitPredictor.Audio;

namespace HitPredictor.AudioTests;

internal static class Analyze
{
    public static AudioAnalysis Bytes(byte[] bytes, AudioAnalysisOptions? options = null) =>
        new AudioAnalyzer(options ?? new AudioAnalysisOptions()).Analyze(new MemoryStream(bytes), CancellationToken.None);

    public static AudioAnalysis Wav(float[] samples, int rate, int channels, WavEncoding encoding = WavEncoding.Pcm16) =>
        Bytes(WavWriter.Write(samples, rate, channels, encoding));
}
