using System.Text.Json;
using System.Text.Json.Nodes;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Prediction;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Serving.Description;

/// <summary>
/// The examples of the API's description. A request example and the response example of the status the handler
/// answers it with share a name (<see cref="SpotifyAudioFeatures"/> is answered 200, <see cref="TempoOutOfRange"/>
/// 400), so a client, and the tests, can replay each one. Error bodies are written by the code that answers them
/// (<see cref="Problems"/>, <see cref="TrackColumn.Check"/>); success bodies are the answer records with illustrative figures.
/// </summary>
internal static class ApiExamples
{
    public const string SpotifyAudioFeatures = "spotifyAudioFeatures";
    public const string OneTrack = "track";
    public const string Batch = "batch";
    public const string TempoOutOfRange = "tempoOutOfRange";
    public const string DurationInSeconds = "durationInSeconds";

    private const string Version = "20261202-190810-5f01a9d7";
    private const string OlderVersion = "20261127-155208-5f01a9d7";
    private const double BadTempo = -4;
    private const double SecondsNotMilliseconds = 215;

    /// <summary>An audio-features object exactly as Spotify's Web API returns it: no genre, no explicit, its own extra fields.</summary>
    public static JsonObject SpotifyObject() => new()
    {
        ["acousticness"] = 0.00242,
        ["analysis_url"] = "https://api.spotify.com/v1/audio-analysis/2takcwOaAZWiXQijPHIx7B",
        ["danceability"] = 0.585,
        ["duration_ms"] = 237040,
        ["energy"] = 0.842,
        ["id"] = "2takcwOaAZWiXQijPHIx7B",
        ["instrumentalness"] = 0.00686,
        ["key"] = 9,
        ["liveness"] = 0.0866,
        ["loudness"] = -5.883,
        ["mode"] = 0,
        ["speechiness"] = 0.0556,
        ["tempo"] = 118.211,
        ["time_signature"] = 4,
        ["track_href"] = "https://api.spotify.com/v1/tracks/2takcwOaAZWiXQijPHIx7B",
        ["type"] = "audio_features",
        ["uri"] = "spotify:track:2takcwOaAZWiXQijPHIx7B",
        ["valence"] = 0.428,
    };

    public static JsonObject Track(string genre = "pop") => new()
    {
        [TrackColumn.Danceability.Name] = 0.7,
        [TrackColumn.Energy.Name] = 0.8,
        [TrackColumn.Loudness.Name] = -5.5,
        [TrackColumn.Tempo.Name] = 120,
        [TrackColumn.Speechiness.Name] = 0.05,
        [TrackColumn.Acousticness.Name] = 0.1,
        [TrackColumn.Instrumentalness.Name] = 0,
        [TrackColumn.Liveness.Name] = 0.1,
        [TrackColumn.Valence.Name] = 0.6,
        [TrackColumn.DurationMs.Name] = 215_000,
        [TrackColumn.Key.Name] = 5,
        [TrackColumn.Mode.Name] = 1,
        [TrackColumn.TimeSignature.Name] = 4,
        [TrackColumn.Explicit.Name] = false,
        [GenreField.Name] = genre,
    };

    /// <summary>Request bodies of <c>POST /api/score</c> by name.</summary>
    public static IReadOnlyDictionary<string, (string Summary, JsonNode Body)> ScoreRequests() => new Dictionary<string, (string, JsonNode)>
    {
        [SpotifyAudioFeatures] = ("A Spotify audio-features object as it is (no genre: answered by the model trained without genre)", SpotifyObject()),
        [OneTrack] = ("One track with its genre", Track()),
        [Batch] = ("A batch, answered in input order by one model", new JsonObject { [ScoreRequest.TracksField] = new JsonArray(Track(), Track("acoustic")) }),
        [TempoOutOfRange] = ("A tempo out of range", With(Track(), TrackColumn.Tempo.Name, BadTempo)),
        [DurationInSeconds] = ("A duration sent in seconds instead of milliseconds", With(Track(), TrackColumn.DurationMs.Name, SecondsNotMilliseconds)),
    };

    /// <summary>The 200 bodies of <c>POST /api/score</c>, under the names of the requests they answer.</summary>
    public static IReadOnlyDictionary<string, JsonNode> ScoreAnswers()
    {
        var hit = Score(Tier.Hit, [0.21, 0.47, 0.22, 0.10], [], FamilyMemberSpec.Full, [Tier.Hit, Tier.Mid, Tier.Viral]);
        var genreLess = Score(Tier.Hit, [0.18, 0.42, 0.27, 0.13], [GenreField.Name], FamilyMemberSpec.NoGenre, [Tier.Hit, Tier.Mid, Tier.Viral]);
        var mid = Score(Tier.Mid, [0.04, 0.25, 0.46, 0.25], [], FamilyMemberSpec.Full, [Tier.Mid, Tier.Hit, Tier.Flop]);
        return new Dictionary<string, JsonNode>
        {
            [SpotifyAudioFeatures] = Node(genreLess),
            [OneTrack] = Node(hit),
            [Batch] = Node(new BatchScore(Version, 2, [hit, mid])),
        };
    }

    /// <summary>The 400 bodies of <c>POST /api/score</c>, exactly as the handler writes them, under the names of their requests.</summary>
    public static IReadOnlyDictionary<string, JsonNode> ScoreProblems() => new Dictionary<string, JsonNode>
    {
        [TempoOutOfRange] = Problem(TrackColumn.Tempo, BadTempo),
        [DurationInSeconds] = Problem(TrackColumn.DurationMs, SecondsNotMilliseconds),
    };

    public static JsonNode Health() => Node(new HealthReport("ok", Version, new DateTimeOffset(2026, 12, 2, 19, 8, 12, TimeSpan.Zero), null));

    public static JsonNode Models() => Node(new ModelVersionList(Version, 2,
    [
        new ModelVersionSummary(Version, true, new DateTimeOffset(2026, 12, 2, 19, 8, 10, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 2, 19, 8, 8, TimeSpan.Zero), "spotify_tracks.csv", 0.688, 0.612, 0.771, null),
        new ModelVersionSummary(OlderVersion, false, new DateTimeOffset(2026, 11, 27, 15, 52, 8, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 27, 15, 52, 6, TimeSpan.Zero), "spotify_tracks.csv", 0.674, 0.598, 0.790, null),
    ]));

    public static JsonNode NotReady() => Node(Problems.NotReady("No model is loaded yet.", new ServingOptions().RetryAfterSeconds));

    private static TrackScore Score(Tier tier, double[] probabilities, string[] missing, string model, Tier[] set) =>
        new(tier.ToString(), Enum.GetValues<Tier>().ToDictionary(t => t.ToString(), t => probabilities[(int)t]), GenreAveraged: false, Version)
        {
            PredictionSet = new PredictionSet(0.9, [.. set.Select(t => t.ToString())]),
            Missing = missing,
            Model = model,
        };

    private static JsonNode Problem(TrackColumn column, double value) =>
        JsonNode.Parse(Problems.Validation([new FieldError(column.Name, column.Check(value)!)]).BodyText())!;

    private static JsonNode Node(object value) => value is ServingResult result
        ? JsonNode.Parse(result.BodyText())!
        : JsonSerializer.SerializeToNode(value, value.GetType(), ServingResult.JsonOptions)!;

    private static JsonObject With(JsonObject track, string field, double value)
    {
        track[field] = value;
        return track;
    }
}
