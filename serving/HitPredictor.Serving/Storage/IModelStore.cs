namespace HitPredictor.Serving.Storage;

/// <summary>
/// Where model packages live: <c>models/{version}/model.zip</c> and <c>models/{version}/card.json</c>, immutable
/// once written, and <c>models/current.json</c>, the pointer to the live version, replaced only on an ETag match.
/// </summary>
public interface IModelStore
{
    /// <summary>Where the store is, for logs and messages (never a secret).</summary>
    string Description { get; }

    /// <summary>The pointer's ETag without reading it (cheap), or <see langword="null"/> when there is no pointer.</summary>
    Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken);

    /// <summary>The pointer, or <see langword="null"/> when no model has been published.</summary>
    Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Reads a version's <c>model.zip</c> and <c>card.json</c>.</summary>
    /// <exception cref="ModelNotFoundException">The version, or one of its two files, is not in the store.</exception>
    Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every complete version in the store (its <c>card.json</c> is there), in no particular order.</summary>
    IAsyncEnumerable<StoredVersion> ListVersionsAsync(CancellationToken cancellationToken);

    /// <summary>Reads a version's <c>card.json</c> alone (no model download).</summary>
    /// <exception cref="ModelNotFoundException">The version or its card is not in the store.</exception>
    Task<string> ReadCardAsync(string version, CancellationToken cancellationToken);

    /// <summary>Writes a version. A version is immutable: returns <see langword="false"/> when it is already there.</summary>
    Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken);

    /// <summary>
    /// Points <c>current.json</c> at <paramref name="version"/>, only if the pointer still has
    /// <paramref name="expectedETag"/> (or, when that is <see langword="null"/>, only if there is no pointer yet).
    /// </summary>
    /// <exception cref="PointerConflictException">Someone else moved the pointer first.</exception>
    Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken);
}
