using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// Keeps the <see cref="EnginePool"/> on the version <c>current.json</c> names. A check reads only the pointer's
/// ETag; when it moved, the new version is read, loaded and validated beside the live one, then swapped in.
/// A failure is logged and kept in <see cref="Status"/>; the last good model keeps serving, and a version that
/// failed is not retried by the poll until the pointer moves again (an explicit <see cref="ReloadAsync"/> retries it).
/// </summary>
public sealed partial class ModelRefresher : IDisposable
{
    private readonly IModelStore _store;
    private readonly EnginePool _pool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _failedETag;
    private string? _liveETag;
    private ModelStatus _status = new();

    public ModelRefresher(IModelStore store, EnginePool pool, TimeProvider? timeProvider = null, ILogger<ModelRefresher>? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ModelRefresher>.Instance;
    }

    /// <summary>The live model and the last error, for health.</summary>
    public ModelStatus Status => Volatile.Read(ref _status);

    /// <summary>The periodic check: cheap when the pointer has not moved.</summary>
    public Task<RefreshOutcome> RefreshAsync(CancellationToken cancellationToken) => CheckAsync(retryFailed: false, cancellationToken);

    /// <summary>Checks now, on demand, and retries a version whose load failed before.</summary>
    public Task<RefreshOutcome> ReloadAsync(CancellationToken cancellationToken) => CheckAsync(retryFailed: true, cancellationToken);

    private async Task<RefreshOutcome> CheckAsync(bool retryFailed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        string? etag = null;
        try
        {
            var live = _pool.Current;
            etag = await _store.GetCurrentETagAsync(cancellationToken);
            if (etag is null)
            {
                Update(s => s with { Starting = false, NothingPublished = true, LastCheckAt = _time.GetUtcNow() });
                if (live is null)
                {
                    Log.NothingPublished(_logger, _store.Description);
                }

                return RefreshOutcome.NothingPublished();
            }

            if (etag == _liveETag || (!retryFailed && etag == _failedETag))
            {
                Update(s => s with { Starting = false, NothingPublished = false, LastCheckAt = _time.GetUtcNow() });
                return RefreshOutcome.Unchanged(live?.Version);
            }

            var pointer = await _store.GetCurrentAsync(cancellationToken)
                ?? throw new ModelNotFoundException($"{ModelPointer.FileName} disappeared while it was being read.");
            etag = pointer.ETag;
            if (live is not null && pointer.Version == live.Version)
            {
                // Rewritten with the live version (published again): versions are immutable, nothing to load.
                _liveETag = pointer.ETag;
                _failedETag = null;
                Update(s => s with { Starting = false, NothingPublished = false, LastError = null, LastErrorAt = null, LastCheckAt = _time.GetUtcNow() });
                return RefreshOutcome.Unchanged(live.Version);
            }

            Log.Loading(_logger, pointer.Version, live?.Version ?? "none");
            var stored = await _store.OpenAsync(pointer.Version, cancellationToken);
            var package = await Task.Run(() => ModelLoader.Load(stored), cancellationToken);
            var generation = _pool.Swap(package, pointer.ETag);
            _liveETag = pointer.ETag;
            _failedETag = null;
            Update(_ => new ModelStatus
            {
                ModelVersion = generation.Version,
                LoadedAt = generation.LoadedAt,
                Starting = false,
                LastCheckAt = generation.LoadedAt,
            });
            Log.Swapped(_logger, generation.Version, live?.Version ?? "none");
            return RefreshOutcome.Swapped(generation.Version);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            _failedETag = etag;
            var live = _pool.Current;
            Update(s => s with { Starting = false, LastError = ex.Message, LastErrorAt = now, LastCheckAt = now });
            Log.RefreshFailed(_logger, live?.Version ?? "none", ex);
            return RefreshOutcome.Failed(live?.Version, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void Update(Func<ModelStatus, ModelStatus> change)
    {
        // Only one check runs at a time (the gate), so read-modify-write is safe here.
        Volatile.Write(ref _status, change(Volatile.Read(ref _status)));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loading model {ModelVersion}; live is {PreviousVersion}", EventName = "ModelLoading")]
        public static partial void Loading(ILogger logger, string modelVersion, string previousVersion);

        [LoggerMessage(2, LogLevel.Information, "Model {ModelVersion} live, was {PreviousVersion}", EventName = "ModelSwapped")]
        public static partial void Swapped(ILogger logger, string modelVersion, string previousVersion);

        [LoggerMessage(3, LogLevel.Error, "Model refresh failed; still serving {ModelVersion}", EventName = "RefreshFailed")]
        public static partial void RefreshFailed(ILogger logger, string modelVersion, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "No model is published in {Store}; scoring answers 503 until one is", EventName = "NothingPublished")]
        public static partial void NothingPublished(ILogger logger, string store);
    }
}
