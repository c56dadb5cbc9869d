using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The live model a retraining run compares its candidate with, held for the comparison. When this process's
/// <see cref="EnginePool"/> serves exactly that version, its generation is used (a reference held, so a swap meanwhile
/// cannot dispose it): nothing is downloaded or loaded twice. Otherwise (another process serves, <c>hitpredictor
/// retrain</c>, the pool has not caught up) the version is loaded from the store, and disposed after.
/// </summary>
internal sealed class ComparedLiveModel : IDisposable
{
    private readonly Action _release;
    private int _disposed;

    private ComparedLiveModel(ModelPackage package, bool fromPool, Action release)
    {
        Package = package;
        FromPool = fromPool;
        _release = release;
    }

    public ModelPackage Package { get; }

    /// <summary>True when the serving pool's generation is used; false when it was loaded from the store.</summary>
    public bool FromPool { get; }

    /// <exception cref="ModelNotFoundException">The version is not in the store.</exception>
    /// <exception cref="ModelValidationException">The stored version does not load.</exception>
    public static async Task<ComparedLiveModel> AcquireAsync(EnginePool? pool, IModelStore store, string version, CancellationToken cancellationToken)
    {
        if (pool?.Current is { } generation && generation.Version == version && generation.TryAcquire())
        {
            return new ComparedLiveModel(generation.Package, fromPool: true, generation.Release);
        }

        var package = ModelLoader.Load(await store.OpenAsync(version, cancellationToken));
        return new ComparedLiveModel(package, fromPool: false, () => (package.Model as IDisposable)?.Dispose());
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _release();
        }
    }
}
