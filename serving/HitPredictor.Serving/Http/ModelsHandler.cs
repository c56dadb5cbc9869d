using HitPredictor.Serving.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Serving.Http;

/// <summary>
/// <c>GET /api/models</c>: the store's versions, newest first, with their headline figures and the live marker.
/// Read-only. The listing is kept for a few seconds, so a burst of anonymous calls costs the store one listing.
/// </summary>
public sealed partial class ModelsHandler(IModelStore store, TimeProvider time, ILogger<ModelsHandler> logger) : IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ModelVersionList List, DateTimeOffset At)? _cached;

    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        try
        {
            return ServingResult.Json(await ListAsync(cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ListFailed(logger, ex);
            return Problems.Unexpected();
        }
    }

    private async Task<ModelVersionList> ListAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && time.GetUtcNow() - fresh.At < Freshness)
        {
            return fresh.List;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.At < Freshness)
            {
                return again.List;
            }

            var list = await ModelVersions.ListAsync(store, cancellationToken);
            _cached = (list, time.GetUtcNow());
            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Listing the model versions failed", EventName = "ModelsListFailed")]
        public static partial void ListFailed(ILogger logger, Exception exception);
    }
}
