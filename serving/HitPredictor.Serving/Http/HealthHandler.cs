using HitPredictor.Serving.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// <c>GET /api/health</c>: 200 with the live version and its load time (and the last error, if a later load
/// failed while it kept serving; status <c>fallback</c> with the skipped version and why when the pointed version
/// does not load); 503 with Retry-After and the reason when no model is loaded.
/// </summary>
public sealed class HealthHandler(EnginePool pool, ModelRefresher refresher, IOptions<ServingOptions> options)
{
    public IResult Handle()
    {
        var status = refresher.Status;
        var live = pool.Current;
        if (live is null)
        {
            return Problems.NotReady(status.NotReadyReason() ?? "No model is loaded yet.", options.Value.RetryAfterSeconds);
        }

        // The status may lag the pool by one swap; a fallback is reported only for the version it concerns.
        var fallback = status.ModelVersion == live.Version ? status.Fallback : null;
        return ServingResult.Json(new HealthReport(fallback is null ? "ok" : "fallback", live.Version, live.LoadedAt, status.PublicLastError, fallback));
    }
}
