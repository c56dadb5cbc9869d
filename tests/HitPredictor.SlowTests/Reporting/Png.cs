using System.Buffers.Binary;

namespace HitPredictor.Tests.Reporting;

/// <summary>Reads what a PNG file says about itself: its signature, and its width and height from the IHDR chunk.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image size, or null when the bytes are not a PNG starting with an IHDR chunk.</summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 24 || !bytes[..8].SequenceEqual(Signature) || !bytes[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(bytes[16..20]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..24]));
    }
}
