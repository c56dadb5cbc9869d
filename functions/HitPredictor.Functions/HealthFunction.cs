using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>GET /api/health</c>: 200 with the live version, 503 with the reason. Anonymous, read-only.</summary>
public sealed class HealthFunction(HealthHandler handler)
{
    [Function("Health")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request) =>
        handler.Handle();
}
