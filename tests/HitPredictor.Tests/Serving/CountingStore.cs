using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

/// <summary>A hand-written decorator over a real store that counts the calls, to tell a cheap check from a download.</summary>
internal sealed class CountingStore(IModelStore store) : DelegatingModelStore(store)
{
    private int _etagChecks;
    private int _opens;
    private int _listings;

    public int ETagChecks => Volatile.Read(ref _etagChecks);

    public int Opens => Volatile.Read(ref _opens);

    public int Listings => Volatile.Read(ref _listings);

    public override Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _etagChecks);
        return Inner.GetCurrentETagAsync(cancellationToken);
    }

    public override Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opens);
        return Inner.OpenAsync(version, cancellationToken);
    }

    public override IAsyncEnumerable<StoredVersion> ListVersionsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        return Inner.ListVersionsAsync(cancellationToken);
    }
}
