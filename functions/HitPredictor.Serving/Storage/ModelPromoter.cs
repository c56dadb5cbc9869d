using HitPredictor.Serving.Engines;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// The one way a version goes live, used by <c>publish</c>, <c>serve</c>'s first-run seeding and retraining:
/// validate the package as the service will load it, upload it under its version if absent (an identical version
/// already there is fine; a different one under the same name is refused: versions are immutable), write the
/// caller's records (report, dataset marker) first, and only then move <c>current.json</c> on the ETag the caller
/// read, so the store never holds a live version without its records and two writers cannot both win.
/// </summary>
public static class ModelPromoter
{
    /// <summary>Validates and uploads a version; <see langword="true"/> when it was uploaded, <see langword="false"/> when an identical one was there.</summary>
    /// <exception cref="ModelValidationException">It would not load, or the store holds other content under its version.</exception>
    public static async Task<bool> StoreVersionAsync(
        IModelStore store, string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ModelValidationException($"card.json names version '{version}', which is not a valid store path segment.");
        }

        var package = ModelLoader.Load(new StoredModel(version, modelZip, cardJson));
        (package.Model as IDisposable)?.Dispose();
        if (await store.PutAsync(version, modelZip, cardJson, cancellationToken))
        {
            return true;
        }

        var existing = await store.OpenAsync(version, cancellationToken);
        if (!existing.ModelZip.Span.SequenceEqual(modelZip.Span) || existing.CardJson != cardJson)
        {
            throw new ModelValidationException(
                $"version '{version}' is already in {store.Description} with other content; versions are immutable, so train or name a new one.");
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="recordFirst"/> (the caller's report and records), then points <c>current.json</c> at
    /// <paramref name="version"/> only if it still has <paramref name="expectedETag"/>.
    /// </summary>
    /// <exception cref="PointerConflictException">Another writer moved the pointer since it was read; the records were written, the pointer was not moved.</exception>
    public static async Task<ModelPointer> MovePointerAsync(
        IModelStore store, string version, string? expectedETag, Func<CancellationToken, Task>? recordFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (recordFirst is not null)
        {
            await recordFirst(cancellationToken);
        }

        return await store.SetCurrentAsync(version, expectedETag, cancellationToken);
    }
}
