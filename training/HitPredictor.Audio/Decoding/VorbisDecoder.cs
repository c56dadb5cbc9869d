using NVorbis;

namespace HitPredictor.Audio.Decoding;

/// <summary>Ogg Vorbis through NVorbis, fully managed.</summary>
internal sealed class VorbisDecoder(VorbisReader reader) : IAudioDecoder
{
    public AudioFormat Format => AudioFormat.OggVorbis;

    public int SampleRate => reader.SampleRate;

    public int Channels => reader.Channels;

    public long? DeclaredFrames => null;

    public static VorbisDecoder Open(Stream stream)
    {
        try
        {
            var reader = new VorbisReader(stream, closeOnDispose: true) { ClipSamples = false };
            return new VorbisDecoder(reader);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or EndOfStreamException or IndexOutOfRangeException)
        {
            throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt Ogg Vorbis: {ex.Message}", ex);
        }
    }

    public int Read(float[] buffer)
    {
        var whole = buffer.Length / Channels * Channels;
        return reader.ReadSamples(buffer, 0, whole);
    }

    public void Dispose() => reader.Dispose();
}
