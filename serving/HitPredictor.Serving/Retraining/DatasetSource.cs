using Azure.Storage.Blobs;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// An uploaded dataset, read as a stream: once to hash it, once to read it. The file is never held whole in memory.
/// </summary>
public abstract class DatasetSource
{
    /// <summary>The dataset's name (the blob name under <c>datasets/</c>, or the file name).</summary>
    public abstract string Name { get; }

    /// <summary>The size in bytes, or <see langword="null"/> when the dataset no longer exists.</summary>
    public abstract Task<long?> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>A forward-only stream over the content seen by <see cref="GetSizeAsync"/>.</summary>
    public abstract Task<Stream> OpenReadAsync(CancellationToken cancellationToken);

    public static DatasetSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileDatasetSource(path);
    }

    /// <summary>A blob; both reads are pinned to the ETag seen when its size was read, so a blob replaced midway fails the run.</summary>
    public static DatasetSource FromBlob(BlobClient blob, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return new BlobDatasetSource(blob, name ?? blob.Name);
    }
}
