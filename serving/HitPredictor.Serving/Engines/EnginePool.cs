using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// Thread-safe access to the live model's prediction engines. Unlike Microsoft.Extensions.ML's pool: one
/// engine pool per loaded model generation, so an engine always goes back to the generation it came from; a
/// swap is one atomic reference change; the old generation keeps serving the leases it handed out and is
/// released (engines and model disposed) when the last comes back; the live generation is visible.
/// Construct it directly (benchmarks, tools) or through <c>AddHitPredictorServing</c>.
/// </summary>
public sealed partial class EnginePool : IDisposable
{
    private readonly int _poolSize;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ModelGeneration? _current;
    private long _generations;
    private bool _disposed;

    public EnginePool(int poolSize, TimeProvider? timeProvider = null, ILogger<EnginePool>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        _poolSize = poolSize;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EnginePool>.Instance;
    }

    /// <summary>The live generation, or <see langword="null"/> before the first model is loaded.</summary>
    public ModelGeneration? Current => Volatile.Read(ref _current);

    /// <summary>Engines retained per generation.</summary>
    public int PoolSize => _poolSize;

    /// <summary>Rents an engine of the live generation, or returns false when no model is loaded.</summary>
    public bool TryRent([NotNullWhen(true)] out EngineLease? lease)
    {
        while (true)
        {
            var generation = Volatile.Read(ref _current);
            if (generation is null)
            {
                lease = null;
                return false;
            }

            // A generation retired between the read and here has no references left: read the new one.
            if (generation.TryAcquire())
            {
                try
                {
                    lease = new EngineLease(generation, generation.RentEngine());
                    return true;
                }
                catch
                {
                    generation.Release();
                    throw;
                }
            }
        }
    }

    /// <summary>Rents an engine of the live generation.</summary>
    /// <exception cref="ModelNotLoadedException">No model is loaded yet.</exception>
    public EngineLease Rent() =>
        TryRent(out var lease) ? lease : throw new ModelNotLoadedException();

    /// <summary>
    /// Makes <paramref name="package"/> (already loaded and validated) the live model, atomically. Leases of the
    /// previous generation finish on it; it is released when they are all back. Returns the new generation.
    /// </summary>
    public ModelGeneration Swap(ModelPackage package, string etag)
    {
        ArgumentNullException.ThrowIfNull(package);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var generation = new ModelGeneration(Interlocked.Increment(ref _generations), package, etag, _time.GetUtcNow(), _poolSize);
        var previous = Interlocked.Exchange(ref _current, generation);
        if (previous is not null)
        {
            Log.Retired(_logger, previous.Number, previous.Version, previous.Rented);
            previous.Release();
        }

        Log.Live(_logger, generation.Number, generation.Version);
        return generation;
    }

    /// <summary>Retires the live generation; leases out finish on it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Interlocked.Exchange(ref _current, null)?.Release();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Model generation {Generation} ({ModelVersion}) is live", EventName = "GenerationLive")]
        public static partial void Live(ILogger logger, long generation, string modelVersion);

        [LoggerMessage(2, LogLevel.Debug, "Model generation {Generation} ({ModelVersion}) retired with {RentedEngines} engines out; released when they are back", EventName = "GenerationRetired")]
        public static partial void Retired(ILogger logger, long generation, string modelVersion, int rentedEngines);
    }
}
