using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Bounds the chunks scored at once in this process (<see cref="CatalogOptions.MaxConcurrentScoring"/>, by default one per
/// processor): scoring is CPU-bound, so more at once than there are cores only adds context switches and cache misses.
/// A worker past the bound waits for a slot holding its chunk; taking chunks off the queue and writing results are not bounded.
/// </summary>
public sealed class ScoringSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public ScoringSlots(IOptions<CatalogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentScoring, options.Value.MaxConcurrentScoring);
    }

    /// <summary>Runs <paramref name="score"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> score, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await score().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
