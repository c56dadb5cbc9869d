using HitPredictor.Serving.Storage;

namespace HitPredictor.Tests.Serving;

/// <summary>A hand-written decorator over a real store that counts the calls, to tell a cheap check from a download.</summary>
internal sealed class CountingStore(IModelStore inner) : IModelStore
{
    private int _etagChecks;
    private int _opens;
    private int _listings;

    public int ETagChecks => Volatile.Read(ref _etagChecks);

    public int Opens => Volatile.Read(ref _opens);

    public int Listings => Volatile.Read(ref _listings);

    public string Description => inner.Description;

    public Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _etagChecks);
        return inner.GetCurrentETagAsync(cancellationToken);
    }

    public Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken) => inner.GetCurrentAsync(cancellationToken);

    public Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opens);
        return inner.OpenAsync(version, cancellationToken);
    }

    public IAsyncEnumerable<StoredVersion> ListVersionsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        return inner.ListVersionsAsync(cancellationToken);
    }

    public Task<string> ReadCardAsync(string version, CancellationToken cancellationToken) => inner.ReadCardAsync(version, cancellationToken);

    public Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken) =>
        inner.PutAsync(version, modelZip, cardJson, cancellationToken);

    public Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken) =>
        inner.SetCurrentAsync(version, expectedETag, cancellationToken);
}
