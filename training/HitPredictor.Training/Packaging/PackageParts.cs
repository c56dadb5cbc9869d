using System.Collections.Immutable;
using System.IO.Compression;

namespace HitPredictor.Training.Packaging;

/// <summary>
/// Named extra parts of a model package (a calibrator, what the model trained on, per-genre benchmarks, ...),
/// stored as entries under <c>HitPredictor/</c> inside <c>model.zip</c> beside ML.NET's own entries, which
/// ML.NET ignores. Keeping them inside the one file keeps a version's upload and download atomic and the
/// store's layout (<c>model.zip</c> + <c>card.json</c>) unchanged.
/// </summary>
public sealed class PackageParts
{
    private const string Prefix = "HitPredictor/";

    private readonly ImmutableDictionary<string, byte[]> _parts;

    private PackageParts(ImmutableDictionary<string, byte[]> parts) => _parts = parts;

    public static PackageParts Empty { get; } = new(ImmutableDictionary.Create<string, byte[]>(StringComparer.Ordinal));

    public IEnumerable<string> Names => _parts.Keys.Order(StringComparer.Ordinal);

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="content"/>.</summary>
    public PackageParts With(string name, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        return new PackageParts(_parts.SetItem(name, content));
    }

    public bool TryGet(string name, out byte[] content) => _parts.TryGetValue(name, out content!);

    /// <summary>Adds every part to a model.zip that ML.NET has written to <paramref name="modelZip"/> (seekable, read-write).</summary>
    public void WriteTo(Stream modelZip)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        if (_parts.IsEmpty)
        {
            return;
        }

        modelZip.Position = 0;
        using var archive = new ZipArchive(modelZip, ZipArchiveMode.Update, leaveOpen: true);
        foreach (var (name, content) in _parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            archive.GetEntry(Prefix + name)?.Delete();
            using var entry = archive.CreateEntry(Prefix + name, CompressionLevel.Optimal).Open();
            entry.Write(content);
        }
    }

    /// <summary>Reads the parts of a model.zip (seekable); its position is back at the start afterwards.</summary>
    public static PackageParts ReadFrom(Stream modelZip)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        var builder = ImmutableDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        modelZip.Position = 0;
        using (var archive = new ZipArchive(modelZip, ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                using var source = entry.Open();
                using var buffer = new MemoryStream();
                source.CopyTo(buffer);
                builder[entry.FullName[Prefix.Length..]] = buffer.ToArray();
            }
        }

        modelZip.Position = 0;
        return new PackageParts(builder.ToImmutable());
    }
}
