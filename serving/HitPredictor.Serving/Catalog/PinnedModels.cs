using System.Collections.Concurrent;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// The model versions runs are pinned to, each loaded (and checked, as the engine pool checks a version) once per process
/// from the model store, whatever <c>current.json</c> says meanwhile. Keeps the last few versions used.
/// </summary>
public sealed class PinnedModels(IModelStore store)
{
    private const int Kept = 4;
    private readonly ConcurrentDictionary<string, Lazy<Task<PinnedModel>>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The package of <paramref name="version"/> and the engines its chunks reuse.</summary>
    /// <exception cref="ModelNotFoundException">The version is not in the store.</exception>
    /// <exception cref="ModelValidationException">The version does not load or fails the checks.</exception>
    public async Task<PinnedModel> GetAsync(string version, CancellationToken cancellationToken)
    {
        var entry = _loaded.GetOrAdd(version, v => new Lazy<Task<PinnedModel>>(() => LoadAsync(v)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _loaded.TryRemove(KeyValuePair.Create(version, entry));
            throw;
        }
    }

    private async Task<PinnedModel> LoadAsync(string version)
    {
        if (_loaded.Count > Kept)
        {
            foreach (var other in _loaded.Keys.Where(k => k != version).Take(_loaded.Count - Kept))
            {
                _loaded.TryRemove(other, out _);
            }
        }

        var stored = await store.OpenAsync(version, CancellationToken.None).ConfigureAwait(false);
        return new PinnedModel(ModelLoader.Load(stored));
    }
}
