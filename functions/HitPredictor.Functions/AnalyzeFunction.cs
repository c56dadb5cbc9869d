using HitPredictor.Serving;
using HitPredictor.Serving.Audio;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary><c>POST /api/analyze</c>: an audio file analysed and scored; anonymous, read-only (it changes no state).</summary>
public sealed class AnalyzeFunction(AnalyzeHandler handler)
{
    [Function("Analyze")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Analyze)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);
}
