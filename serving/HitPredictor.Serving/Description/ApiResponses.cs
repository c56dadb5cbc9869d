using System.Globalization;
using HitPredictor.Serving.Http;
using Microsoft.OpenApi;

namespace HitPredictor.Serving.Description;

/// <summary>
/// The error answers of the API's description, as <see cref="Problems"/> writes them: every one is
/// <c>application/problem+json</c>, 503 and 429 with <c>Retry-After</c>, 405 with <c>Allow</c>.
/// </summary>
internal static class ApiResponses
{
    public const string Unauthorized = "Unauthorized";
    public const string NotFound = "NotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string TooLarge = "PayloadTooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string Unexpected = "InternalServerError";
    public const string NotReady = "ServiceUnavailable";
    public const string Busy = "TooManyRequests";
    public const string CannotExplain = "CannotExplain";

    public const string ProblemMediaType = "application/problem+json";

    public static void AddTo(OpenApiDocument document, ServingOptions options)
    {
        var responses = document.Components!.Responses!;
        responses[Unauthorized] = Plain(document,
            $"serve with Serving__ApiKey set: the {ApiAccess.KeyHeader} header is missing or wrong (the Functions app answers its own 401 when protected).");
        responses[NotFound] = Plain(document, "No route answers this path (serve; the Functions host answers its own 404).");
        responses[MethodNotAllowed] = new OpenApiResponse
        {
            Description = "The route exists but not for this method (serve; the Allow header lists the method it answers).",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Allow"] = new OpenApiHeader { Description = "The methods the route answers.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            Content = Problem(document, ApiSchemas.Problem),
        };
        responses[TooLarge] = Plain(document, string.Create(CultureInfo.InvariantCulture,
            $"The body is longer than Serving:MaxBodyBytes ({options.MaxBodyBytes:N0} bytes here), or scoring it would cost more than Serving:MaxPredictionsPerRequest ({options.MaxPredictionsPerRequest:N0} predictions here; a track with a genre costs 1, one without costs one per genre the model knows). The detail says which, the cost and the fix: send fewer tracks per request, or give each track its genre."));
        responses[Busy] = new OpenApiResponse
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"The request costs more than Serving:ExpensiveRequestPredictions ({options.ExpensiveRequestPredictions:N0} predictions here) and Serving:MaxConcurrentExpensiveRequests ({options.MaxConcurrentExpensiveRequests:N0} here) such requests are being scored; retry after the Retry-After seconds, or give the tracks their genre."),
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying (Serving:BusyRetryAfterSeconds).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            },
            Content = Problem(document, ApiSchemas.Problem),
        };
        responses[CannotExplain] = Plain(document,
            "explain=true while the live model cannot explain its scores (trained before explanations: no benchmarks.json in its package); the detail says why. Scoring without explain works.");
        responses[UnsupportedMediaType] = Plain(document, "The body is not sent as JSON (Content-Type: application/json or application/*+json).");
        responses[Unexpected] = Plain(document, "Something unexpected failed; the detail is logged, not returned.");
        responses[NotReady] = new OpenApiResponse
        {
            Description = "No model is loaded (yet): the detail gives a stable reason; retry after the Retry-After seconds.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying (Serving:RetryAfterSeconds).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            },
            Content = Problem(document, ApiSchemas.Problem, ApiExamples.NotReady()),
        };
    }

    public static IOpenApiResponse Ref(OpenApiDocument document, string id) => new OpenApiResponseReference(id, document, null);

    private static OpenApiResponse Plain(OpenApiDocument document, string description) =>
        new() { Description = description, Content = Problem(document, ApiSchemas.Problem) };

    private static Dictionary<string, IOpenApiMediaType> Problem(OpenApiDocument document, string schema, System.Text.Json.Nodes.JsonNode? example = null) =>
        new() { [ProblemMediaType] = new OpenApiMediaType { Schema = ApiSchemas.Ref(document, schema), Example = example } };
}
