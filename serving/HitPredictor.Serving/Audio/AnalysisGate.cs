using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Audio;

/// <summary>
/// Bounds the audio analyses running at once (<see cref="ServingOptions.MaxConcurrentAnalyses"/>): an upload waits up
/// to <see cref="ServingOptions.AnalysisWaitSeconds"/> for a slot, then is refused, so a burst holds at most that many
/// bodies in memory.
/// </summary>
public sealed class AnalysisGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _wait;

    public AnalysisGate(IOptions<ServingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentAnalyses, options.Value.MaxConcurrentAnalyses);
        _wait = TimeSpan.FromSeconds(options.Value.AnalysisWaitSeconds);
    }

    /// <summary>A slot to dispose when the analysis ends, or <see langword="null"/> when none freed up in time.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(_wait, cancellationToken) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
