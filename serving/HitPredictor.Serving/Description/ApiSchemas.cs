using System.Text.Json.Nodes;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Tiers;
using Microsoft.OpenApi;

namespace HitPredictor.Serving.Description;

/// <summary>
/// The component schemas of the API's description. The track is read from the one track schema (<see cref="TrackColumn"/>
/// through <see cref="NumericFeature.All"/>, and <see cref="GenreField"/>): each field's label, hint, unit and scoring
/// range, so the description cannot disagree with what the handlers check.
/// </summary>
internal static class ApiSchemas
{
    public const string Track = "Track";
    public const string ScoreRequest = "ScoreRequest";
    public const string TrackScore = "TrackScore";
    public const string BatchScore = "BatchScore";
    public const string AudioScore = "AudioScore";
    public const string AudioUpload = "AudioUpload";
    public const string ModelCard = "ModelCard";
    public const string ModelVersionList = "ModelVersionList";
    public const string HealthReport = "HealthReport";
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";

    /// <summary>The extension that carries a field's unit (<c>ms</c>, <c>dB</c>, <c>BPM</c>) as a value, beside its description.</summary>
    public const string UnitExtension = "x-unit";

    /// <summary>The extension that carries a field's one-sentence hint alone (the page shows it under the field).</summary>
    public const string HintExtension = "x-hint";

    public static void AddTo(OpenApiDocument document, ServingOptions options)
    {
        var schemas = document.Components!.Schemas!;
        schemas[Track] = TrackSchema();
        schemas[ScoreRequest] = ScoreRequestSchema(document, options);
        schemas[TrackScore] = TrackScoreSchema();
        schemas[BatchScore] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A batch's answer: one result per track, in input order, all from one model version.",
            Required = new HashSet<string> { "modelVersion", "count", "results" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["modelVersion"] = Text("The version that scored every track of the batch."),
                ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "How many results follow (the number of tracks sent)." },
                ["results"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, TrackScore) },
            },
        };
        schemas[AudioScore] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "POST /api/analyze's answer: what the audio yielded and the score of the track made of it (the perceptual features stay unknown).",
            Required = new HashSet<string> { "features", "measured", "assumed", "unmeasured", "warnings", "score" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["features"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The measured and assumed fields under the dataset's column names: duration_ms, loudness, tempo, key, mode, time_signature (those measured; time_signature assumed 4).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Number },
                },
                ["measured"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "The fields measured from the audio.", Items = Text("A field name.") },
                ["assumed"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "The fields set by assumption (time_signature).", Items = Text("A field name.") },
                ["unmeasured"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Fields the audio could not give, each with the reason (e.g. tempo: no onsets); they are scored as unknown.",
                    AdditionalProperties = Text("Why the field could not be measured."),
                },
                ["warnings"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "Things worth knowing about the input, e.g. clipping.", Items = Text("A warning.") },
                ["score"] = Ref(document, TrackScore),
            },
        };
        schemas[AudioUpload] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A form carrying the audio in its file field.",
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A WAV, MP3 or Ogg Vorbis file." },
            },
        };
        schemas[ModelCard] = ModelCardSchema();
        schemas[ModelVersionList] = ModelVersionListSchema();
        schemas[HealthReport] = HealthReportSchema();
        schemas[Problem] = ProblemSchema();
        schemas[ValidationProblem] = new OpenApiSchema
        {
            Description = "RFC 9457 problem details with every bad field by its path (tempo for one track, tracks[3].tempo in a batch).",
            AllOf = [Ref(document, Problem)],
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Messages by field path; each names the range and unit, e.g. \"must be 0 to 300 BPM, got -4\".",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("One problem with this field.") },
                },
            },
        };
    }

    public static IOpenApiSchema Ref(OpenApiDocument document, string id) => new OpenApiSchemaReference(id, document, null);

    /// <summary>One track: every numeric input of <see cref="NumericFeature.All"/> with its range, and the genre.</summary>
    private static OpenApiSchema TrackSchema()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var feature in NumericFeature.All)
        {
            properties[feature.Name] = FieldSchema(feature.Column);
        }

        properties[GenreField.Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = GenreField.MaxLength,
            Description = $"{GenreField.Label}. {GenreField.Help} Matched in any case; GET /{Routes.Model} lists them.",
        };
        properties[GenreField.Alias] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = GenreField.MaxLength,
            Description = $"The dataset's name for {GenreField.Name}; accepted instead of it (if both are sent they must agree).",
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One track's audio features, named as in Spotify's audio-features objects (send one as it is: fields the " +
                $"model does not use, such as id, uri or type, are ignored). Any field may be left out (or null): unknown; at least one of " +
                $"{GenreField.Name} and the features must be given. The answer says which inputs it did not know (missing) and which model of " +
                $"the family answered (model); {TrackColumn.Explicit.Name} left out counts as false.",
            MinProperties = 1,
            Properties = properties,
        };
    }

    private static OpenApiSchema FieldSchema(TrackColumn column)
    {
        var schema = new OpenApiSchema
        {
            Type = column.Kind switch
            {
                TrackValueKind.Flag => JsonSchemaType.Boolean | JsonSchemaType.Integer,
                TrackValueKind.WholeNumber => JsonSchemaType.Integer,
                _ => JsonSchemaType.Number,
            },
            Title = column.Label,
            Minimum = TrackColumn.Format(column.Min),
            Maximum = TrackColumn.Format(column.Max),
            Description = $"{column.Label}. {column.Help} {Capitalize(column.Expected)}.",
            Extensions = new Dictionary<string, IOpenApiExtension> { [HintExtension] = new JsonNodeExtension(JsonValue.Create(column.Help)) },
        };
        if (column.Unit.Length > 0)
        {
            schema.Extensions[UnitExtension] = new JsonNodeExtension(JsonValue.Create(column.Unit));
        }

        return schema;
    }

    private static OpenApiSchema ScoreRequestSchema(OpenApiDocument document, ServingOptions options)
    {
        var tracks = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = Ref(document, Track),
            MinItems = 1,
            MaxItems = options.MaxBatchSize,
        };
        return new OpenApiSchema
        {
            Description = "One track, an array of tracks, or {\"tracks\": [...]}. A bad track rejects the whole batch, with every error listed.",
            OneOf =
            [
                Ref(document, Track),
                tracks,
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { Http.ScoreRequest.TracksField },
                    Properties = new Dictionary<string, IOpenApiSchema> { [Http.ScoreRequest.TracksField] = tracks },
                },
            ],
        };
    }

    private static OpenApiSchema TrackScoreSchema()
    {
        var tiers = Enum.GetNames<Tier>();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One track's answer: the most probable tier, the four calibrated probabilities, and the set of tiers that holds the true one 90 % of the time.",
            Required = new HashSet<string> { "tier", "probabilities", "genreAveraged", "modelVersion", "predictionSet", "missing", "model" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["tier"] = TierName("The most probable tier."),
                ["probabilities"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Probability of each tier (0 to 1, summing to 1), in tier order: Viral, Hit, Mid, Flop.",
                    Required = new HashSet<string>(tiers),
                    Properties = tiers.ToDictionary(t => t, t => (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1" }),
                },
                ["genreAveraged"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Boolean,
                    Description = "True only when a model trained before the family of models answered a track without genre by averaging over every genre it knows; see missing and model.",
                },
                ["missing"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "The inputs the track did not give (genre, key, ...), in the track schema's order; empty when it gave them all.",
                    Items = new OpenApiSchema { Type = JsonSchemaType.String },
                },
                ["model"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The model of the package's family that answered: full (every feature + genre), no-genre, audio (loudness, tempo, duration_ms, key, mode, time_signature + genre) or audio-no-genre. Features it reads that the track left out are averaged over real training tracks.",
                    Enum = [JsonValue.Create(FamilyMemberSpec.Full), JsonValue.Create(FamilyMemberSpec.NoGenre), JsonValue.Create(FamilyMemberSpec.Audio), JsonValue.Create(FamilyMemberSpec.AudioNoGenre)],
                },
                ["modelVersion"] = Text("The version that scored the track."),
                ["predictionSet"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Conformal prediction set: the tiers, most probable first, that hold the true tier at the stated level on held-out tracks.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["level"] = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1" },
                        ["tiers"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = TierName("A tier in the set.") },
                    },
                },
                ["explanation"] = ExplanationSchema(tiers),
                ["explanationNote"] = Text("Only with explain=true, for a track that has no explanation (no genre, or a feature missing): why, in one line."),
            },
        };
    }

    private static OpenApiSchema ExplanationSchema(string[] tiers)
    {
        OpenApiSchema PerTier(string description) => new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = tiers.ToDictionary(t => t, t => (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.Number }),
        };

        var contribution = PerTier("One feature's Shapley value per tier (probability, -1 to 1), with the track's value and the typical track's.");
        contribution.Properties!["feature"] = Text("The feature's field name.");
        contribution.Properties["value"] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "The track's value." };
        contribution.Properties["reference"] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "The genre's typical value (median of its training tracks)." };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Only with explain=true: for each tier, baseline + the sum of the contributions = the returned probability. " +
                "It describes what the model responds to, not what would make a track a hit.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["baseline"] = PerTier("Each tier's calibrated probability for the genre's typical track (every feature at its median over the genre's training tracks)."),
                ["contributions"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = contribution, Description = "One per numeric feature, the largest (sum of |value| over the tiers) first." },
                ["benchmark"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Where each feature sits (percentile 0-100) among the genre's training tracks that reached the listed tiers.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["genre"] = Text("The track's genre."),
                        ["tiers"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = TierName("A benchmark tier.") },
                        ["tracks"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "How many training tracks the percentiles are read against." },
                        ["percentiles"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "Feature name to percentile; empty when the genre has no such tracks.",
                            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "100" },
                        },
                    },
                },
            },
        };
    }

    private static OpenApiSchema ModelCardSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "The live model's card.json, exactly as the trainer wrote it (docs/model.md describes every part).",
        Required = new HashSet<string> { "version", "createdAt", "dataset", "features", "genres", "metrics" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["version"] = Text("The model version."),
            ["createdAt"] = DateTime("When it was trained."),
            ["dataset"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The training dataset: name, SHA-256, row counts." },
            ["features"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("A feature the model reads."), Description = "The features it reads." },
            ["genres"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("A genre name."), Description = "The genres a track may name." },
            ["tiers"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The popularity cut-offs of the tiers and each tier's share." },
            ["metrics"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Held-out figures: accuracy, macro-F1, log-loss, per tier, confusion matrix, calibration." },
        },
    };

    private static OpenApiSchema ModelVersionListSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Every stored version, newest first, with its headline figures on its own held-out tracks.",
        Required = new HashSet<string> { "live", "count", "versions" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["live"] = Nullable(JsonSchemaType.String, "The version current.json names; null when it names no readable version."),
            ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["versions"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "version", "live", "publishedAt" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["version"] = Text("The version."),
                        ["live"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether it is the live one." },
                        ["publishedAt"] = DateTime("When it was stored."),
                        ["trainedAt"] = Nullable(JsonSchemaType.String, "When it was trained.", "date-time"),
                        ["dataset"] = Nullable(JsonSchemaType.String, "The dataset it was trained on."),
                        ["accuracy"] = Nullable(JsonSchemaType.Number, "Held-out accuracy, 0 to 1."),
                        ["macroF1"] = Nullable(JsonSchemaType.Number, "Held-out macro-F1, 0 to 1."),
                        ["logLoss"] = Nullable(JsonSchemaType.Number, "Held-out log-loss."),
                        ["problem"] = Nullable(JsonSchemaType.String, "Why its card could not be read, when it could not."),
                    },
                },
            },
        },
    };

    private static OpenApiSchema HealthReportSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A model is loaded. status is fallback when the live version is not the one current.json names (fallback says which and why).",
        Required = new HashSet<string> { "status", "modelVersion", "loadedAt" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("ok"), JsonValue.Create("fallback")] },
            ["modelVersion"] = Text("The live version."),
            ["loadedAt"] = DateTime("When it was loaded."),
            ["lastError"] = Nullable(JsonSchemaType.String, "Why a later load failed while this version kept serving (a stable reason, no paths)."),
            ["fallback"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["skippedVersion"] = Nullable(JsonSchemaType.String, "The version current.json names; null when current.json is unreadable."),
                    ["reason"] = Text("Why it was skipped."),
                },
            },
        },
    };

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details (application/problem+json).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem (the RFC 9110 status section)."),
            ["title"] = Text("A short summary."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
            ["detail"] = Text("What went wrong and what to do, in words."),
        },
    };

    private static OpenApiSchema TierName(string description) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [.. Enum.GetNames<Tier>().Select(t => (JsonNode)JsonValue.Create(t))],
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema DateTime(string description) => new() { Type = JsonSchemaType.String, Format = "date-time", Description = description };

    private static OpenApiSchema Nullable(JsonSchemaType type, string description, string? format = null) =>
        new() { Type = type | JsonSchemaType.Null, Description = description, Format = format };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
