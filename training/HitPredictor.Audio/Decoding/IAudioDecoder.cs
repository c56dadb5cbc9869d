namespace HitPredictor.Audio.Decoding;

/// <summary>A decoder handing out interleaved float samples in [-1, 1] block by block.</summary>
public interface IAudioDecoder : IDisposable
{
    AudioFormat Format { get; }

    int SampleRate { get; }

    int Channels { get; }

    /// <summary>Frames the header declares, when it does (WAV, Ogg); null when only decoding tells.</summary>
    long? DeclaredFrames { get; }

    /// <summary>Fills <paramref name="buffer"/> with whole interleaved frames; returns the samples written, 0 at the end.</summary>
    int Read(float[] buffer);
}
