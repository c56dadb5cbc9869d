using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HitPredictor.Serving.Audio;
using HitPredictor.Serving.Http;
using Microsoft.OpenApi;

namespace HitPredictor.Serving.Description;

/// <summary>
/// The OpenAPI 3.1 description of every route in <see cref="Routes"/>, built from the code: the track schema
/// (<see cref="ApiSchemas"/>), the answers the handlers give (<see cref="ApiResponses"/>, <see cref="ApiExamples"/>) and the
/// configured limits. Served at <c>GET /api/openapi.json</c> by the Functions app and <c>hitpredictor serve</c> alike.
/// </summary>
public static class ApiDocument
{
    public const string Title = "Hit Predictor API";

    private const string ApiKeyScheme = "functionKey";
    private const string JsonMediaType = "application/json";

    public static OpenApiDocument Build(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = Title,
                Version = typeof(ApiDocument).Assembly.GetName().Version?.ToString() ?? "1.0",
                Description = "Sorts a track into Viral, Hit, Mid or Flop from its audio features and genre, with a calibrated probability each. " +
                    "Every error is RFC 9457 problem details. A request example and the response example of the status it gets share a name.",
            },
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                Responses = new Dictionary<string, IOpenApiResponse>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [ApiKeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = ApiAccess.KeyHeader,
                        Description = "Only when the service is protected by a key (serve: Serving__ApiKey; the Functions app: function keys). " +
                            $"GET /{Routes.Health} and GET /{Routes.OpenApi} never need it.",
                    },
                },
            },
        };
        ApiSchemas.AddTo(document, options);
        ApiResponses.AddTo(document, options);

        var keyed = new List<OpenApiSecurityRequirement>
        {
            new(),
            new() { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document, null)] = [] },
        };
        Add(document, Routes.Score, HttpMethod.Post, Score(document, keyed));
        Add(document, Routes.Analyze, HttpMethod.Post, Analyze(document, keyed, options));
        Add(document, Routes.Model, HttpMethod.Get, Model(document, keyed));
        Add(document, Routes.Models, HttpMethod.Get, Models(document, keyed));
        Add(document, Routes.Health, HttpMethod.Get, Health(document));
        Add(document, Routes.OpenApi, HttpMethod.Get, Description(document));
        return document;
    }

    /// <summary>The document as UTF-8 JSON (OpenAPI 3.1).</summary>
    public static byte[] Serialize(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Add(OpenApiDocument document, string route, HttpMethod method, OpenApiOperation operation)
    {
        var path = "/" + route;
        if (!document.Paths.TryGetValue(path, out var item))
        {
            item = new OpenApiPathItem { Operations = [] };
            document.Paths[path] = item;
        }

        ((OpenApiPathItem)item).Operations![method] = operation;
    }

    private static OpenApiOperation Score(OpenApiDocument document, List<OpenApiSecurityRequirement> keyed)
    {
        var requests = ApiExamples.ScoreRequests();
        var answers = ApiExamples.ScoreAnswers();
        var problems = ApiExamples.ScoreProblems();
        return new OpenApiOperation
        {
            OperationId = "score",
            Summary = "Score one track or a batch",
            Description = "Validates every field against the live model (range and unit; genre one the model knows) and answers each track with " +
                "its tier, the four probabilities and the model version. A batch is scored by one model, in input order.",
            Security = keyed,
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = ExplainQuery.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = "true adds to each result its explanation: Shapley contributions of each feature to each tier's probability " +
                        "against the genre's typical track, and the track's percentile per feature among the genre's Viral and Hit training tracks. " +
                        "Absent or false: the answer is unchanged.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                },
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [JsonMediaType] = new OpenApiMediaType
                    {
                        Schema = ApiSchemas.Ref(document, ApiSchemas.ScoreRequest),
                        Examples = requests.ToDictionary(r => r.Key, r => (IOpenApiExample)new OpenApiExample { Summary = r.Value.Summary, Value = r.Value.Body }),
                    },
                },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "One track's score (a track was sent) or a batch's scores (an array or {\"tracks\": [...]} was sent).",
                    Content = Json(new OpenApiSchema { OneOf = [ApiSchemas.Ref(document, ApiSchemas.TrackScore), ApiSchemas.Ref(document, ApiSchemas.BatchScore)] },
                        answers),
                },
                ["400"] = new OpenApiResponse
                {
                    Description = "The body is empty, not JSON, not a track, or a track is invalid: problem details naming each bad field by its path; nothing was scored.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        [ApiResponses.ProblemMediaType] = new OpenApiMediaType
                        {
                            Schema = ApiSchemas.Ref(document, ApiSchemas.ValidationProblem),
                            Examples = problems.ToDictionary(p => p.Key, p => (IOpenApiExample)new OpenApiExample { Value = p.Value }),
                        },
                    },
                },
                ["401"] = ApiResponses.Ref(document, ApiResponses.Unauthorized),
                ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
                ["409"] = ApiResponses.Ref(document, ApiResponses.CannotExplain),
                ["413"] = ApiResponses.Ref(document, ApiResponses.TooLarge),
                ["415"] = ApiResponses.Ref(document, ApiResponses.UnsupportedMediaType),
                ["429"] = ApiResponses.Ref(document, ApiResponses.Busy),
                ["500"] = ApiResponses.Ref(document, ApiResponses.Unexpected),
                ["503"] = ApiResponses.Ref(document, ApiResponses.NotReady),
            },
        };
    }

    private static OpenApiOperation Analyze(OpenApiDocument document, List<OpenApiSecurityRequirement> keyed, ServingOptions options)
    {
        var body = new Dictionary<string, IOpenApiMediaType>();
        foreach (var type in AudioUpload.RawContentTypes)
        {
            body[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }

        body[AudioUpload.MultipartContentType] = new OpenApiMediaType { Schema = ApiSchemas.Ref(document, ApiSchemas.AudioUpload) };
        var audioProblem = new Dictionary<string, IOpenApiMediaType>
        {
            [ApiResponses.ProblemMediaType] = new OpenApiMediaType { Schema = ApiSchemas.Ref(document, ApiSchemas.Problem) },
        };
        return new OpenApiOperation
        {
            OperationId = "analyze",
            Summary = "Analyse an audio file and score it",
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Decodes the audio (WAV, MP3, Ogg Vorbis; the format is told from the bytes), measures duration_ms, loudness, tempo, key and mode, assumes time_signature 4, and scores that track as /api/score would: the perceptual features stay unknown, so the family's audio member answers. At most Serving:MaxAudioBytes ({options.MaxAudioBytes:N0} bytes here) and Serving:MaxAudioSeconds ({options.MaxAudioSeconds:N0} s here); Serving:MaxConcurrentAnalyses ({options.MaxConcurrentAnalyses:N0} here) run at once. Problems carry `reason`: empty, not-audio, unsupported-format, corrupt, truncated, too-short, too-large, too-long or silent."),
            Security = keyed,
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = AnalyzeHandler.GenreQuery,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = "The track's genre (one the model knows). Absent: the genre-less member answers.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            ],
            RequestBody = new OpenApiRequestBody { Required = true, Description = "The audio as the raw body, or a multipart/form-data file field named file.", Content = body },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "The measured features and the score.", Content = Json(ApiSchemas.Ref(document, ApiSchemas.AudioScore)) },
                ["400"] = new OpenApiResponse
                {
                    Description = "The audio is empty, corrupt, truncated, shorter than 2 s or silent (no tempo, key, mode or loudness to score), the form has no file, or the genre is not one the model knows: problem details with the reason.",
                    Content = audioProblem,
                },
                ["401"] = ApiResponses.Ref(document, ApiResponses.Unauthorized),
                ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
                ["413"] = new OpenApiResponse
                {
                    Description = "The body is over Serving:MaxAudioBytes or the audio over Serving:MaxAudioSeconds (reason too-large or too-long).",
                    Content = audioProblem,
                },
                ["415"] = new OpenApiResponse
                {
                    Description = "The content type is neither audio/*, application/octet-stream nor multipart/form-data, or the bytes are not audio this service decodes (reason not-audio or unsupported-format).",
                    Content = audioProblem,
                },
                ["429"] = ApiResponses.Ref(document, ApiResponses.Busy),
                ["500"] = ApiResponses.Ref(document, ApiResponses.Unexpected),
                ["503"] = new OpenApiResponse
                {
                    Description = "No model is loaded, or every analysis slot stayed taken for Serving:AnalysisWaitSeconds; retry after the Retry-After seconds.",
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" } },
                    },
                    Content = audioProblem,
                },
            },
        };
    }

    private static OpenApiOperation Model(OpenApiDocument document, List<OpenApiSecurityRequirement> keyed) => new()
    {
        OperationId = "getModel",
        Summary = "The live model's card",
        Security = keyed,
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The card. When the live version is a fallback (not the one current.json names), X-Model-Fallback says why.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    [ModelHandler.FallbackHeader] = new OpenApiHeader
                    {
                        Description = "Present only for a fallback: why the version current.json names was skipped.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
                Content = Json(ApiSchemas.Ref(document, ApiSchemas.ModelCard)),
            },
            ["401"] = ApiResponses.Ref(document, ApiResponses.Unauthorized),
            ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
            ["503"] = ApiResponses.Ref(document, ApiResponses.NotReady),
        },
    };

    private static OpenApiOperation Models(OpenApiDocument document, List<OpenApiSecurityRequirement> keyed) => new()
    {
        OperationId = "listModels",
        Summary = "The stored model versions, newest first, the live one marked",
        Description = "Read-only; the listing is kept for a few seconds. To change the live version use `hitpredictor publish` or `hitpredictor models rollback`.",
        Security = keyed,
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = "The versions.", Content = Json(ApiSchemas.Ref(document, ApiSchemas.ModelVersionList), ApiExamples.Models()) },
            ["401"] = ApiResponses.Ref(document, ApiResponses.Unauthorized),
            ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
            ["500"] = ApiResponses.Ref(document, ApiResponses.Unexpected),
        },
    };

    private static OpenApiOperation Health(OpenApiDocument document) => new()
    {
        OperationId = "getHealth",
        Summary = "Whether a model is loaded, and which",
        Security = [new OpenApiSecurityRequirement()],
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = "A model is loaded.", Content = Json(ApiSchemas.Ref(document, ApiSchemas.HealthReport), ApiExamples.Health()) },
            ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
            ["503"] = ApiResponses.Ref(document, ApiResponses.NotReady),
        },
    };

    private static OpenApiOperation Description(OpenApiDocument document) => new()
    {
        OperationId = "getOpenApi",
        Summary = "This description (OpenAPI 3.1)",
        Security = [new OpenApiSecurityRequirement()],
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The OpenAPI document.",
                Content = Json(new OpenApiSchema { Type = JsonSchemaType.Object }),
            },
            ["405"] = ApiResponses.Ref(document, ApiResponses.MethodNotAllowed),
        },
    };

    private static Dictionary<string, IOpenApiMediaType> Json(IOpenApiSchema schema, JsonNode? example = null) =>
        new() { [JsonMediaType] = new OpenApiMediaType { Schema = schema, Example = example } };

    private static Dictionary<string, IOpenApiMediaType> Json(IOpenApiSchema schema, IReadOnlyDictionary<string, JsonNode> examples) =>
        new()
        {
            [JsonMediaType] = new OpenApiMediaType
            {
                Schema = schema,
                Examples = examples.ToDictionary(e => e.Key, e => (IOpenApiExample)new OpenApiExample { Value = e.Value }),
            },
        };
}
