using System.Text;
using System.Text.Json.Nodes;
using HitPredictor.Serving.Description;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;
using Microsoft.AspNetCore.Http;

namespace HitPredictor.Tests.Serving;

/// <summary>Versions of the shared sample model, request bodies and HTTP requests for the serving tests.</summary>
internal static class ServingTestData
{
    /// <summary>The sample model stored as <paramref name="version"/> (its card says so too).</summary>
    public static StoredModel Stored(SampleModelFixture sample, string version) =>
        new(version, File.ReadAllBytes(Path.Combine(sample.Directory, ModelPackage.ModelFileName)), CardJson(sample, version));

    public static string CardJson(SampleModelFixture sample, string version) =>
        ModelCardJson.Serialize(sample.Package.Card with { Version = version });

    /// <summary>A freshly loaded package (its own transformer, so releasing a generation never touches the fixture's).</summary>
    public static ModelPackage Load(SampleModelFixture sample, string version) => ModelLoader.Load(Stored(sample, version));

    public static Task<PublishOutcome> PublishAsync(IModelStore store, SampleModelFixture sample, string version) =>
        ModelPublisher.PublishAsync(store, Stored(sample, version).ModelZip, CardJson(sample, version), CancellationToken.None);

    /// <summary>A valid track; <paramref name="genre"/> null leaves genre out.</summary>
    public static JsonObject Track(string? genre = "pop", double tempo = 120)
    {
        var track = new JsonObject
        {
            ["danceability"] = 0.7,
            ["energy"] = 0.8,
            ["loudness"] = -5.5,
            ["tempo"] = tempo,
            ["speechiness"] = 0.05,
            ["acousticness"] = 0.1,
            ["instrumentalness"] = 0.0,
            ["liveness"] = 0.1,
            ["valence"] = 0.6,
            ["duration_ms"] = 215_000,
            ["key"] = 5,
            ["mode"] = 1,
            ["time_signature"] = 4,
            ["explicit"] = false,
        };
        if (genre is not null)
        {
            track["genre"] = genre;
        }

        return track;
    }

    /// <summary>The API documentation's audio-features object exactly as Spotify's API returns it, plus a genre: no <c>explicit</c>, extra fields.</summary>
    public static JsonObject SpotifyAudioFeatures(string genre = "pop")
    {
        var track = ApiExamples.SpotifyObject();
        track["genre"] = genre;
        return track;
    }

    public static HttpRequest Request(string body, string? contentType = "application/json", long? contentLength = null) =>
        Request(Encoding.UTF8.GetBytes(body), contentType, contentLength);

    /// <summary>A request with exactly these bytes as its body (invalid UTF-8 included).</summary>
    public static HttpRequest Request(byte[] bytes, string? contentType = "application/json", long? contentLength = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = contentLength ?? bytes.Length;
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static HttpRequest Request(JsonNode body) => Request(body.ToJsonString());
}
