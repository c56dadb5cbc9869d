using NLayer;

namespace HitPredictor.Audio.Decoding;

/// <summary>MPEG audio (MP3, MP2) through NLayer, fully managed.</summary>
internal sealed class Mp3Decoder(MpegFile file) : IAudioDecoder
{
    public AudioFormat Format => AudioFormat.Mp3;

    public int SampleRate => file.SampleRate;

    public int Channels => file.Channels;

    public long? DeclaredFrames => null;

    public static Mp3Decoder Open(Stream stream)
    {
        try
        {
            return new Mp3Decoder(new MpegFile(stream));
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IndexOutOfRangeException or ArgumentException or EndOfStreamException)
        {
            throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt MP3: {ex.Message}", ex);
        }
    }

    public int Read(float[] buffer)
    {
        var whole = buffer.Length / Channels * Channels;
        return file.ReadSamples(buffer, 0, whole);
    }

    public void Dispose() => file.Dispose();
}
