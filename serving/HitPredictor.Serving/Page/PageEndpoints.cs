using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HitPredictor.Serving.Page;

/// <summary>The web page on a plain ASP.NET Core app (<c>hitpredictor serve</c>) and its registration.</summary>
public static class PageEndpoints
{
    /// <summary>Registers the embedded page files and <see cref="PageHandler"/>; calling it twice is harmless.</summary>
    public static IServiceCollection AddHitPredictorPage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(PageAssets.Embedded);
        services.TryAddSingleton<PageHandler>();
        return services;
    }

    /// <summary>Maps <c>GET /</c> and <c>GET /{file}</c> to the page (the API's <c>/api/...</c> routes are untouched).</summary>
    public static IEndpointRouteBuilder MapHitPredictorPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/" + PageHandler.Route, (HttpRequest request, PageHandler handler) => handler.Handle(request));
        return endpoints;
    }
}
