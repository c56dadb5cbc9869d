using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using HitPredictor.Training.Data;
using HitPredictor.Training.Hygiene;

namespace HitPredictor.Training.Packaging;

/// <summary>
/// What a model trained on, as a compact sorted set of 64-bit keys: the first 8 bytes (little-endian) of the SHA-256
/// of each training track's <see cref="TrackIdentity"/>. Saved as the package part <see cref="PartName"/>: the magic
/// <c>HPTK</c>, a 2-byte format version, 2 reserved bytes, a 4-byte count, then the keys ascending, all little-endian.
/// Retraining uses it to compare two models only on tracks neither trained on. Two different tracks may share a key
/// (one in about 2^64 pairs), which at worst leaves an unseen track out of a comparison.
/// </summary>
public sealed class TrainingKeys
{
    public const string PartName = "training-keys.bin";

    private const uint Magic = 0x4B545048; // "HPTK" read as a little-endian uint
    private const ushort FormatVersion = 1;
    private const int HeaderBytes = 12;

    private readonly ulong[] _keys;

    private TrainingKeys(ulong[] sortedDistinct) => _keys = sortedDistinct;

    /// <summary>How many distinct keys the set holds.</summary>
    public int Count => _keys.Length;

    /// <summary>The keys, ascending.</summary>
    public IReadOnlyList<ulong> Keys => Array.AsReadOnly(_keys);

    public static TrainingKeys From(IEnumerable<TrackRecord> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        return FromKeys(tracks.Select(KeyOf));
    }

    public static TrainingKeys FromKeys(IEnumerable<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sorted = keys.Distinct().ToArray();
        Array.Sort(sorted);
        return new TrainingKeys(sorted);
    }

    /// <summary>The key of one track: the first 8 bytes of SHA-256 over its name and artists (each length-prefixed, UTF-8).</summary>
    public static ulong KeyOf(TrackRecord track) => KeyOf(TrackIdentity.Of(track));

    public static ulong KeyOf(TrackIdentity identity)
    {
        var name = Encoding.UTF8.GetBytes(identity.TrackName);
        var artists = Encoding.UTF8.GetBytes(identity.Artists);
        var text = new byte[8 + name.Length + artists.Length];
        BinaryPrimitives.WriteInt32LittleEndian(text, name.Length);
        name.CopyTo(text, 4);
        BinaryPrimitives.WriteInt32LittleEndian(text.AsSpan(4 + name.Length), artists.Length);
        artists.CopyTo(text, 8 + name.Length);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(text));
    }

    public bool Contains(ulong key) => Array.BinarySearch(_keys, key) >= 0;

    public bool Contains(TrackRecord track) => Contains(KeyOf(track));

    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + (8 * _keys.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), _keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(HeaderBytes + (8 * i)), _keys[i]);
        }

        return bytes;
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; anything else is an <see cref="InvalidDataException"/>.</summary>
    public static TrainingKeys Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new InvalidDataException($"{PartName} does not start with the HPTK header.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{PartName} has format version {version}; this build reads version {FormatVersion}.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (count < 0 || bytes.Length != HeaderBytes + (8L * count))
        {
            throw new InvalidDataException($"{PartName} declares {count} keys but holds {bytes.Length - HeaderBytes} bytes of keys.");
        }

        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(HeaderBytes + (8 * i))..]);
            if (i > 0 && keys[i] <= keys[i - 1])
            {
                throw new InvalidDataException($"{PartName} is not sorted ascending without repeats at key {i}.");
            }
        }

        return new TrainingKeys(keys);
    }
}
