using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// Bounds how many expensive scoring requests (over <see cref="ServingOptions.ExpensiveRequestPredictions"/>) run at
/// once (<see cref="ServingOptions.MaxConcurrentExpensiveRequests"/>): a large batch already scores on every processor,
/// so a second one would only starve the cheap requests. One over the bound is refused at once, never queued.
/// Cheap requests always pass.
/// </summary>
public sealed class ExpensiveRequestGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _threshold;

    public ExpensiveRequestGate(IOptions<ServingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _threshold = options.Value.ExpensiveRequestPredictions;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentExpensiveRequests, options.Value.MaxConcurrentExpensiveRequests);
    }

    /// <summary>
    /// Admits a request costing <paramref name="predictions"/>: <see langword="true"/> with a slot to dispose when
    /// scoring ends (a no-op for a cheap request), <see langword="false"/> when every slot is taken.
    /// </summary>
    public bool TryEnter(long predictions, out GateSlot slot)
    {
        if (predictions <= _threshold)
        {
            slot = default;
            return true;
        }

        if (_slots.Wait(0))
        {
            slot = new GateSlot(_slots);
            return true;
        }

        slot = default;
        return false;
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A taken slot (or none, for a cheap request); disposing it gives the slot back.</summary>
    public readonly struct GateSlot : IDisposable
    {
        private readonly SemaphoreSlim? _slots;

        internal GateSlot(SemaphoreSlim slots) => _slots = slots;

        public void Dispose() => _slots?.Release();
    }
}
