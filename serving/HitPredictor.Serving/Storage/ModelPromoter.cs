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

        Validate(new StoredModel(version, modelZip, cardJson));
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

    /// <summary>Loads <paramref name="stored"/> as the service will, and lets it go: it may go live.</summary>
    /// <exception cref="ModelValidationException">It would not load or does not pass the service's checks; the message says why.</exception>
    public static void Validate(StoredModel stored)
    {
        var package = ModelLoader.Load(stored);
        (package.Model as IDisposable)?.Dispose();
    }

    /// <summary>
    /// The pointer and the ETag to move it on. An unreadable <c>current.json</c> (not JSON, no valid version) names no
    /// live version: it is returned as <see langword="null"/> with its ETag and why it was unreadable, so the move replaces it.
    /// </summary>
    public static async Task<PointerRead> ReadPointerAsync(IModelStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            var current = await store.GetCurrentAsync(cancellationToken);
            return new PointerRead(current, current?.ETag, null);
        }
        catch (InvalidDataException ex)
        {
            return new PointerRead(null, await store.GetCurrentETagAsync(cancellationToken), ex.Message);
        }
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

/// <summary>What <see cref="ModelPromoter.ReadPointerAsync"/> found: the pointer (null when none or unreadable), the ETag to move it on, and why it was unreadable.</summary>
public sealed record PointerRead(ModelPointer? Current, string? ETag, string? Unreadable);
