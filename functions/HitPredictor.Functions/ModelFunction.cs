using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>GET /api/model</c>: the live model card. Anonymous, read-only.</summary>
public sealed class ModelFunction(ModelHandler handler)
{
    [Function("Model")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Model)] HttpRequest request) =>
        handler.Handle();
}
