namespace HitPredictor.Serving.Catalog;

/// <summary>
/// A run's record (<see cref="CatalogPaths.Run"/>): the upload it scores, the model version pinned when it started (every
/// chunk is scored with it, whatever is published meanwhile), and, once the upload is split, its chunks.
/// </summary>
public sealed record CatalogRun
{
    /// <summary>The first 32 hex digits of the upload's SHA-256: identical bytes are one run.</summary>
    public required string RunId { get; init; }

    /// <summary>The upload's name (the blob under <c>scoring/</c>, or the file's name); the output is <c>scored/{Name}</c>.</summary>
    public required string Name { get; init; }

    public required string Sha256 { get; init; }

    public required long Bytes { get; init; }

    public required string ModelVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int ChunkRows { get; init; }

    /// <summary>Every chunk, in input order; <see langword="null"/> until the whole upload is split.</summary>
    public IReadOnlyList<ChunkRange>? Chunks { get; init; }

    /// <summary>Data rows of the upload (the header not counted), once split.</summary>
    public int? Rows { get; init; }
}

/// <summary>A chunk: its index, the input line its first row starts on, and how many data rows it holds.</summary>
public sealed record ChunkRange(int Index, int FirstLine, int Rows);
