using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// Keeps the <see cref="EnginePool"/> on the version <c>current.json</c> names. A check reads only the pointer's
/// ETag; when it moved, the new version is read, loaded and validated beside the live one, then swapped in.
/// A failure is logged and kept in <see cref="Status"/>; the last good model keeps serving, and a version that
/// failed is not retried by the poll until the pointer moves again (an explicit <see cref="ReloadAsync"/> retries it).
/// When nothing is live yet (a start or a restart) and the pointed version does not load, the newest stored version
/// that loads goes live instead, and <see cref="ModelStatus.Fallback"/> says which version was skipped and why.
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
        string? pointed = null;
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
            pointed = pointer.Version;
            if (live is not null && pointer.Version == live.Version)
            {
                // Rewritten with the live version (published again, or rolled back to the fallback): versions are
                // immutable, nothing to load.
                _liveETag = pointer.ETag;
                _failedETag = null;
                Update(s => s with
                {
                    Starting = false, NothingPublished = false, LastError = null, LastErrorAt = null, LastCheckAt = _time.GetUtcNow(), Fallback = null,
                });
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
            var fallback = ModelFallback.From(pointed, ex);
            Log.RefreshFailed(_logger, live?.Version ?? "none", ex);
            if (live is null && await FallBackAsync(pointed, fallback, cancellationToken) is { } generation)
            {
                Update(_ => new ModelStatus
                {
                    ModelVersion = generation.Version,
                    LoadedAt = generation.LoadedAt,
                    Starting = false,
                    LastError = ex.Message,
                    LastErrorAt = now,
                    LastCheckAt = now,
                    Fallback = fallback,
                });
                return RefreshOutcome.FellBack(generation.Version, fallback.Reason);
            }

            Update(s => s with
            {
                Starting = false, LastError = ex.Message, LastErrorAt = now, LastCheckAt = now, Fallback = live is null ? null : fallback,
            });
            return RefreshOutcome.Failed(live?.Version, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Loads the newest stored version (by the time it was stored) other than <paramref name="skipped"/> that loads
    /// and validates, and makes it live; <see langword="null"/> when none does or the store cannot be listed.
    /// </summary>
    private async Task<ModelGeneration?> FallBackAsync(string? skipped, ModelFallback fallback, CancellationToken cancellationToken)
    {
        List<StoredVersion> versions;
        try
        {
            versions = [];
            await foreach (var stored in _store.ListVersionsAsync(cancellationToken))
            {
                if (stored.Version != skipped)
                {
                    versions.Add(stored);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FallbackListFailed(_logger, ex);
            return null;
        }

        foreach (var candidate in StoredVersion.NewestFirst(versions))
        {
            try
            {
                var stored = await _store.OpenAsync(candidate.Version, cancellationToken);
                var package = await Task.Run(() => ModelLoader.Load(stored), cancellationToken);
                var generation = _pool.Swap(package, etag: "");
                Log.FellBack(_logger, skipped ?? "none", fallback.Reason, generation.Version);
                return generation;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.FallbackCandidateFailed(_logger, candidate.Version, ex);
            }
        }

        Log.NoFallback(_logger, skipped ?? "none", versions.Count);
        return null;
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

        [LoggerMessage(5, LogLevel.Warning, "Serving fallback {ModelVersion}: the version current.json names ({SkippedVersion}) does not load: {Reason}", EventName = "ServingFallback")]
        public static partial void FellBack(ILogger logger, string skippedVersion, string reason, string modelVersion);

        [LoggerMessage(6, LogLevel.Warning, "Fallback candidate {ModelVersion} does not load either", EventName = "FallbackCandidateFailed")]
        public static partial void FallbackCandidateFailed(ILogger logger, string modelVersion, Exception exception);

        [LoggerMessage(7, LogLevel.Error, "No stored version loads (skipped {SkippedVersion}, tried {Tried}); scoring answers 503", EventName = "NoFallback")]
        public static partial void NoFallback(ILogger logger, string skippedVersion, int tried);

        [LoggerMessage(8, LogLevel.Error, "The store's versions could not be listed for a fallback", EventName = "FallbackListFailed")]
        public static partial void FallbackListFailed(ILogger logger, Exception exception);
    }
}
