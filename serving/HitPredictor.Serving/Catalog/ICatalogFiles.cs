namespace HitPredictor.Serving.Catalog;

/// <summary>
/// The files catalog scoring reads and writes, by container and name: blobs of the model store's account, or files
/// under its folder. A write is whole or nothing for small files (<see cref="WriteAsync"/>); a large stream (the merged
/// output) may be seen partly written, so every step marks its completion with a small file written after it.
/// </summary>
public interface ICatalogFiles
{
    /// <summary>Where the files are, for messages (never a secret).</summary>
    string Description { get; }

    /// <summary>The file's size in bytes, or <see langword="null"/> when it does not exist.</summary>
    Task<long?> GetSizeAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>A forward-only stream over the file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    Task<Stream> OpenReadAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) the file with what <paramref name="write"/> writes to the stream it is given.</summary>
    Task WriteAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Writes the file only if it does not exist yet; <see langword="false"/> when it did.</summary>
    Task<bool> TryCreateAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The names under <paramref name="prefix"/>, in no particular order.</summary>
    IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken);
}
