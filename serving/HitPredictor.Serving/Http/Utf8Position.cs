using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace HitPredictor.Serving.Http;

/// <summary>Where a body stops being valid UTF-8: the offending byte, its offset, line and column, for a 400 that says where.</summary>
public sealed record Utf8Position(int Offset, byte Byte, int Line, int Column)
{
    /// <summary>The first invalid UTF-8 sequence in <paramref name="bytes"/>, or <see langword="null"/> when all of it is valid.</summary>
    public static Utf8Position? FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        var before = bytes[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new Utf8Position(offset, bytes[Math.Min(offset, bytes.Length - 1)], before.Count((byte)'\n') + 1, offset - lineStart + 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"byte 0x{Byte:X2} at offset {Offset:N0} (line {Line:N0}, column {Column:N0})");
}
