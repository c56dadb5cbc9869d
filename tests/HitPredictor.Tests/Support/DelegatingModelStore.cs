using HitPredictor.Serving.Storage;

namespace HitPredictor.Tests.Support;

/// <summary>A test decorator over a real store: every call goes to <paramref name="inner"/> unless a test double overrides it.</summary>
internal abstract class DelegatingModelStore(IModelStore inner) : IModelStore
{
    protected IModelStore Inner { get; } = inner;

    public virtual string Description => Inner.Description;

    public virtual Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken) => Inner.GetCurrentETagAsync(cancellationToken);

    public virtual Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken) => Inner.GetCurrentAsync(cancellationToken);

    public virtual Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken) => Inner.OpenAsync(version, cancellationToken);

    public virtual IAsyncEnumerable<StoredVersion> ListVersionsAsync(CancellationToken cancellationToken) => Inner.ListVersionsAsync(cancellationToken);

    public virtual Task<string> ReadCardAsync(string version, CancellationToken cancellationToken) => Inner.ReadCardAsync(version, cancellationToken);

    public virtual Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken) =>
        Inner.PutAsync(version, modelZip, cardJson, cancellationToken);

    public virtual Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken) =>
        Inner.SetCurrentAsync(version, expectedETag, cancellationToken);
}
