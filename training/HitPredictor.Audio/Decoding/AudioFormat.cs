namespace HitPredictor.Audio.Decoding;

/// <summary>The containers and codecs we decode.</summary>
public enum AudioFormat
{
    Wav,
    Mp3,
    OggVorbis,
}

/// <summary>Tells the format from the first bytes (magic numbers), never from a file name.</summary>
public static class AudioFormatSniffer
{
    /// <summary>Bytes <see cref="Detect"/> needs to decide.</summary>
    public const int HeaderLength = 64;

    /// <summary>The format of <paramref name="header"/>, or an <see cref="AudioRejectedException"/> naming what it is.</summary>
    public static AudioFormat Detect(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            throw new AudioRejectedException(AudioProblem.Empty, "empty: no audio bytes were given");
        }

        if (header.StartsWith("RIFF"u8) && header.Length >= 12 && header[8..12].SequenceEqual("WAVE"u8))
        {
            return AudioFormat.Wav;
        }

        if (header.StartsWith("RIFF"u8) || header.StartsWith("RF64"u8))
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, "unsupported format: a RIFF file that is not plain WAVE (RF64 or another RIFF type)");
        }

        if (header.StartsWith("OggS"u8))
        {
            if (header.IndexOf("\u0001vorbis"u8) >= 0)
            {
                return AudioFormat.OggVorbis;
            }

            var codec = header.IndexOf("OpusHead"u8) >= 0 ? "Opus" : header.IndexOf("FLAC"u8) >= 0 ? "FLAC" : "an unknown codec";
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, $"unsupported format: an Ogg file carrying {codec}; only Ogg Vorbis is decoded");
        }

        if (header.StartsWith("fLaC"u8))
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, "unsupported format: FLAC (no FLAC decoder is available here); convert to WAV, MP3 or Ogg Vorbis");
        }

        if (header.StartsWith("FORM"u8))
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, "unsupported format: AIFF; convert to WAV, MP3 or Ogg Vorbis");
        }

        if (header.StartsWith("ID3"u8) || IsMpegAudioFrame(header))
        {
            return AudioFormat.Mp3;
        }

        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8))
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, "unsupported format: MP4/M4A (AAC); convert to WAV, MP3 or Ogg Vorbis");
        }

        throw new AudioRejectedException(AudioProblem.NotAudio, "not audio: the bytes start with no WAV, MP3 or Ogg Vorbis signature");
    }

    /// <summary>An MPEG-1/2/2.5 audio frame header: 11 sync bits and no reserved field values.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (header[1] >> 3) & 0x3;
        var layer = (header[1] >> 1) & 0x3;
        var bitrate = (header[2] >> 4) & 0xF;
        var sampleRate = (header[2] >> 2) & 0x3;
        return version != 1 && layer != 0 && bitrate != 0xF && sampleRate != 3;
    }
}
