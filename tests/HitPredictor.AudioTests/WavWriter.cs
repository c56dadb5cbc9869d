using System.Buffers.Binary;

namespace HitPredictor.AudioTests;

/// <summary>Sample encodings of the WAV files the tests write.</summary>
public enum WavEncoding
{
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    IeeeFloat32,
    IeeeFloat64,
    Pcm24Extensible,
}

/// <summary>Writes interleaved float samples as a RIFF/WAVE file in any of <see cref="WavEncoding"/>.</summary>
internal static class WavWriter
{
    public static byte[] Write(float[] samples, int rate, int channels, WavEncoding encoding = WavEncoding.Pcm16)
    {
        var (bits, tag, extensible) = encoding switch
        {
            WavEncoding.Pcm8 => (8, 1, false),
            WavEncoding.Pcm16 => (16, 1, false),
            WavEncoding.Pcm24 => (24, 1, false),
            WavEncoding.Pcm32 => (32, 1, false),
            WavEncoding.IeeeFloat32 => (32, 3, false),
            WavEncoding.IeeeFloat64 => (64, 3, false),
            WavEncoding.Pcm24Extensible => (24, 1, true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var bytesPerSample = bits / 8;
        var fmtSize = extensible ? 40 : 16;
        var dataSize = samples.Length * bytesPerSample;
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8);
        writer.Write(4 + (8 + fmtSize) + (8 + dataSize));
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(fmtSize);
        writer.Write((ushort)(extensible ? 0xFFFE : tag));
        writer.Write((ushort)channels);
        writer.Write(rate);
        writer.Write(rate * channels * bytesPerSample);
        writer.Write((ushort)(channels * bytesPerSample));
        writer.Write((ushort)bits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write((ushort)bits);
            writer.Write(channels == 1 ? 4 : 3);
            writer.Write((ushort)tag);
            writer.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }

        writer.Write("data"u8);
        writer.Write(dataSize);
        Span<byte> one = stackalloc byte[8];
        foreach (var s in samples)
        {
            var x = Math.Clamp((double)s, -1.0, 1.0);
            switch (encoding)
            {
                case WavEncoding.Pcm8:
                    writer.Write((byte)Math.Clamp(Math.Round((x * 128) + 128), 0, 255));
                    break;
                case WavEncoding.Pcm16:
                    writer.Write((short)Math.Clamp(Math.Round(x * 32768), short.MinValue, short.MaxValue));
                    break;
                case WavEncoding.Pcm24 or WavEncoding.Pcm24Extensible:
                    var v = (int)Math.Clamp(Math.Round(x * 8388608), -8388608, 8388607);
                    writer.Write((byte)v);
                    writer.Write((byte)(v >> 8));
                    writer.Write((byte)(v >> 16));
                    break;
                case WavEncoding.Pcm32:
                    writer.Write((int)Math.Clamp(Math.Round(x * 2147483648.0), int.MinValue, int.MaxValue));
                    break;
                case WavEncoding.IeeeFloat32:
                    writer.Write(s);
                    break;
                case WavEncoding.IeeeFloat64:
                    BinaryPrimitives.WriteDoubleLittleEndian(one, s);
                    writer.Write(one);
                    break;
            }
        }

        writer.Flush();
        return output.ToArray();
    }
}
