using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>POST /api/score</c>: anonymous, read-only (it changes no state).</summary>
public sealed class ScoreFunction(ScoreHandler handler)
{
    [Function("Score")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Score)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);
}
