using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Tests.Serving;

/// <summary>A score handler over a pool with the sample model loaded (or none), and helpers to read its answers.</summary>
internal sealed class ScoringHarness : IDisposable
{
    public ScoringHarness(SampleModelFixture? sample, ServingOptions? options = null, string version = "v1")
    {
        Options = options ?? new ServingOptions();
        Pool = new EnginePool(2);
        if (sample is not null)
        {
            Pool.Swap(ServingTestData.Load(sample, version), "\"e1\"");
        }

        Refresher = new ModelRefresher(ModelStoreFactory.ForFolder(Path.Combine(Path.GetTempPath(), "hitpredictor-tests", "unused")), Pool);
        var settings = Microsoft.Extensions.Options.Options.Create(Options);
        Gate = new ExpensiveRequestGate(settings);
        Handler = new ScoreHandler(Pool, Refresher, Gate, settings, NullLogger<ScoreHandler>.Instance);
    }

    public ServingOptions Options { get; }

    public EnginePool Pool { get; }

    public ModelRefresher Refresher { get; }

    public ExpensiveRequestGate Gate { get; }

    public ScoreHandler Handler { get; }

    public async Task<ServingResult> ScoreAsync(HttpRequest request) =>
        (ServingResult)await Handler.HandleAsync(request, CancellationToken.None);

    public Task<ServingResult> ScoreAsync(JsonNode body) => ScoreAsync(ServingTestData.Request(body));

    public Task<ServingResult> ScoreAsync(string body, string? contentType = "application/json") =>
        ScoreAsync(ServingTestData.Request(body, contentType));

    /// <summary>The <c>errors</c> of a validation problem, by path.</summary>
    public static IDictionary<string, string[]> Errors(ServingResult result) =>
        ((HttpValidationProblemDetails)result.Value!).Errors;

    /// <summary>The body as a client would read it.</summary>
    public static JsonNode Body(ServingResult result) => JsonNode.Parse(result.BodyText())!;

    public static JsonElement Element(ServingResult result) => JsonDocument.Parse(result.BodyText()).RootElement;

    public void Dispose()
    {
        Refresher.Dispose();
        Pool.Dispose();
        Gate.Dispose();
    }
}
