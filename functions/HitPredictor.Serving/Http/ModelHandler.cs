using HitPredictor.Serving.Engines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary><c>GET /api/model</c>: the live model's card, exactly as <c>ModelCardJson</c> writes it; 503 before one is loaded.</summary>
public sealed class ModelHandler(EnginePool pool, ModelRefresher refresher, IOptions<ServingOptions> options)
{
    public IResult Handle()
    {
        var live = pool.Current;
        if (live is null)
        {
            return Problems.NotReady(refresher.Status.NotReadyReason() ?? "No model is loaded yet.", options.Value.RetryAfterSeconds);
        }

        return ServingResult.RawJson(live.CardJson);
    }
}
