using HitPredictor.Serving.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// <c>GET /api/model</c>: the live model's card, exactly as <c>ModelCardJson</c> writes it (with an
/// <see cref="FallbackHeader"/> saying why when it is a fallback, not the version <c>current.json</c> names); 503
/// before one is loaded.
/// </summary>
public sealed class ModelHandler(EnginePool pool, ModelRefresher refresher, IOptions<ServingOptions> options)
{
    /// <summary>Present when the card is a fallback's: why the pointed version was skipped.</summary>
    public const string FallbackHeader = "X-Model-Fallback";

    public IResult Handle()
    {
        var live = pool.Current;
        if (live is null)
        {
            return Problems.NotReady(refresher.Status.NotReadyReason() ?? "No model is loaded yet.", options.Value.RetryAfterSeconds);
        }

        var fallback = refresher.Status is { Fallback: { } skipped } current && current.ModelVersion == live.Version ? skipped : null;
        return fallback is null
            ? ServingResult.RawJson(live.CardJson)
            : ServingResult.RawJson(live.CardJson, headers: new Dictionary<string, string> { [FallbackHeader] = fallback.Reason });
    }
}
