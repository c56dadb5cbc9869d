using System.Buffers.Binary;

namespace HitPredictor.Audio.Decoding;

/// <summary>
/// Streams a RIFF/WAVE file: PCM 8/16/24/32-bit integers and IEEE float 32/64-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE, reading only a block at a time.
/// </summary>
internal sealed class WavDecoder : IAudioDecoder
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    private readonly Stream _stream;
    private readonly int _bitsPerSample;
    private readonly bool _isFloat;
    private readonly int _blockAlign;
    private readonly long _dataBytes;
    private readonly bool _dataSizeKnown;
    private long _dataRead;
    private byte[] _raw = [];

    private WavDecoder(Stream stream, int sampleRate, int channels, int bitsPerSample, bool isFloat, long dataBytes, bool dataSizeKnown)
    {
        _stream = stream;
        SampleRate = sampleRate;
        Channels = channels;
        _bitsPerSample = bitsPerSample;
        _isFloat = isFloat;
        _blockAlign = channels * bitsPerSample / 8;
        _dataBytes = dataBytes;
        _dataSizeKnown = dataSizeKnown;
    }

    public AudioFormat Format => AudioFormat.Wav;

    public int SampleRate { get; }

    public int Channels { get; }

    public long? DeclaredFrames => _dataSizeKnown ? _dataBytes / _blockAlign : null;

    public static WavDecoder Open(Stream stream)
    {
        Span<byte> riff = stackalloc byte[12];
        ReadHeader(stream, riff, "RIFF header");
        (ushort Tag, int Channels, int Rate, int Bits)? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            ReadHeader(stream, chunk, format is null ? "fmt chunk" : "data chunk");
            var id = chunk[..4];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > 1024)
                {
                    throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt WAV: fmt chunk of {size} bytes");
                }

                var body = new byte[size + (size & 1)];
                ReadHeader(stream, body, "fmt chunk");
                format = ParseFormat(body.AsSpan(0, (int)size));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { } f)
                {
                    throw new AudioRejectedException(AudioProblem.Corrupt, "corrupt WAV: data chunk before the fmt chunk");
                }

                var known = size != uint.MaxValue && size != 0;
                var isFloat = f.Tag == FormatFloat;
                return new WavDecoder(stream, f.Rate, f.Channels, f.Bits, isFloat, size, known);
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }
    }

    public int Read(float[] buffer)
    {
        var frames = buffer.Length / Channels;
        var wanted = (long)frames * _blockAlign;
        if (_dataSizeKnown)
        {
            wanted = Math.Min(wanted, _dataBytes - _dataRead);
        }

        if (wanted <= 0)
        {
            return 0;
        }

        if (_raw.Length < wanted)
        {
            _raw = new byte[wanted];
        }

        var got = _stream.ReadAtLeast(_raw.AsSpan(0, (int)wanted), (int)wanted, throwOnEndOfStream: false);
        _dataRead += got;
        if (got < wanted && _dataSizeKnown)
        {
            throw new AudioRejectedException(
                AudioProblem.Truncated,
                $"truncated WAV: the header declares {_dataBytes:N0} bytes of audio, the file holds {_dataRead:N0}");
        }

        var samples = got / _blockAlign * Channels;
        Convert(_raw.AsSpan(0, samples * (_bitsPerSample / 8)), buffer.AsSpan(0, samples));
        return samples;
    }

    public void Dispose() => _stream.Dispose();

    private void Convert(ReadOnlySpan<byte> raw, Span<float> samples)
    {
        switch (_bitsPerSample, _isFloat)
        {
            case (32, true):
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                }

                break;
            case (64, true):
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
                }

                break;
            case (8, false):
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = (raw[i] - 128) / 128f;
                }

                break;
            case (16, false):
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(i * 2)..]) / 32768f;
                }

                break;
            case (24, false):
                for (var i = 0; i < samples.Length; i++)
                {
                    var o = i * 3;
                    var value = (raw[o] | (raw[o + 1] << 8) | ((sbyte)raw[o + 2] << 16));
                    samples[i] = value / 8388608f;
                }

                break;
            case (32, false):
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]) / 2147483648.0);
                }

                break;
            default:
                throw new InvalidOperationException($"Unchecked WAV sample layout {_bitsPerSample} bits float={_isFloat}.");
        }
    }

    private static (ushort Tag, int Channels, int Rate, int Bits) ParseFormat(ReadOnlySpan<byte> body)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
        if (tag == FormatExtensible && body.Length >= 26)
        {
            // The sub-format GUID starts with the plain format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
        }

        if (tag is not (FormatPcm or FormatFloat))
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, $"unsupported WAV encoding (format tag {tag}); only PCM and IEEE float are decoded");
        }

        var valid = tag == FormatPcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
        if (!valid)
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, $"unsupported WAV sample size: {bits}-bit {(tag == FormatPcm ? "PCM" : "float")}");
        }

        if (channels == 0 || rate <= 0)
        {
            throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt WAV: {channels} channels at {rate} Hz");
        }

        return (tag, channels, rate, bits);
    }

    private static void ReadHeader(Stream stream, Span<byte> target, string what)
    {
        if (stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false) < target.Length)
        {
            throw new AudioRejectedException(AudioProblem.Truncated, $"truncated WAV: the file ends inside the {what}");
        }
    }

    private static void Skip(Stream stream, long bytes)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (bytes > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(scratch.Length, bytes)]);
            if (n == 0)
            {
                throw new AudioRejectedException(AudioProblem.Truncated, "truncated WAV: the file ends inside a chunk before any audio");
            }

            bytes -= n;
        }
    }
}
