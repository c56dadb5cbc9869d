using HitPredictor.Serving.Audio;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HitPredictor.Serving;

/// <summary>The service's endpoints on a plain ASP.NET Core app (<c>hitpredictor serve</c>): the same handlers the functions call.</summary>
public static class ServingEndpoints
{
    /// <summary>
    /// The whole service on a plain ASP.NET Core app: errors as problem details (<see cref="ProblemResponses"/>), who may
    /// call it (<see cref="ApiAccess"/>), then its endpoints.
    /// </summary>
    public static WebApplication UseHitPredictorServing(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHitPredictorProblemResponses();
        app.UseHitPredictorApiAccess();
        app.MapHitPredictorServing();
        return app;
    }

    public static IEndpointRouteBuilder MapHitPredictorServing(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/" + Routes.Score, (HttpRequest request, ScoreHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken));
        endpoints.MapPost("/" + Routes.Analyze, (HttpRequest request, AnalyzeHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken));
        endpoints.MapGet("/" + Routes.Model, (ModelHandler handler) => handler.Handle());
        endpoints.MapGet("/" + Routes.Models, (ModelsHandler handler, CancellationToken cancellationToken) => handler.HandleAsync(cancellationToken));
        endpoints.MapGet("/" + Routes.Health, (HealthHandler handler) => handler.Handle());
        endpoints.MapGet("/" + Routes.OpenApi, (OpenApiHandler handler) => handler.Handle());
        endpoints.MapHitPredictorPage();
        return endpoints;
    }
}
