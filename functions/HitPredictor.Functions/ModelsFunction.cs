using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>GET /api/models</c>: the stored versions, newest first, with their figures and the live one marked. Anonymous, read-only.</summary>
public sealed class ModelsFunction(ModelsHandler handler)
{
    [Function("Models")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Models)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(cancellationToken);
}
