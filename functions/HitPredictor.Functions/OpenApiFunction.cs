using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of every route. Anonymous, read-only.</summary>
public sealed class OpenApiFunction(OpenApiHandler handler)
{
    [Function("OpenApi")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApi)] HttpRequest request) =>
        handler.Handle();
}
