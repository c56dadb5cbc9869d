using HitPredictor.Serving.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary>
/// <c>GET /</c> and <c>GET /{file}</c>: the web page, served from the app itself. The route has one optional segment,
/// so it never shadows <c>/api/...</c> (with <c>routePrefix</c> empty in host.json). Anonymous, read-only.
/// </summary>
public sealed class PageFunction(PageHandler handler)
{
    [Function("Page")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageHandler.Route)] HttpRequest request) =>
        handler.Handle(request);
}
