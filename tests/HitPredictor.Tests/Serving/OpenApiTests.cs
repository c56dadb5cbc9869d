using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace HitPredictor.Tests.Serving;

/// <summary>
/// <c>GET /api/openapi.json</c> as <c>hitpredictor serve</c> answers it (the same handler the Functions app calls), read
/// back with Microsoft.OpenApi's reader, and every documented example replayed against the real handlers.
/// </summary>
public sealed class OpenApiTests(SampleModelFixture sample) : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private string _text = "";
    private OpenApiDocument _document = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(sample, null, Ct);
        using var response = await _host.Client.GetAsync("/" + Routes.OpenApi, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        _text = await response.Content.ReadAsStringAsync(Ct);
        var read = OpenApiDocument.Parse(_text, OpenApiConstants.Json, new OpenApiReaderSettings());
        read.Diagnostic!.Errors.Should().BeEmpty();
        _document = read.Document!;
    }

    [Fact]
    public void Document_Served_IsOpenApi31ListingEveryRoute()
    {
        var apiRoutes = typeof(Routes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(r => r.StartsWith("api/", StringComparison.Ordinal))
            .Select(r => "/" + r)
            .ToArray();

        JsonNode.Parse(_text)!["openapi"]!.GetValue<string>().Should().StartWith("3.1");
        _document.Paths.Keys.Should().Contain(["/api/score", "/api/model", "/api/health", "/api/models", "/api/openapi.json"]);
        _document.Paths.Keys.Should().BeEquivalentTo(apiRoutes);
        _document.Paths["/api/score"].Operations!.Keys.Should().Equal(HttpMethod.Post);
        _document.Paths["/api/analyze"].Operations!.Keys.Should().Equal(HttpMethod.Post);
    }

    [Fact]
    public void AnalyzeOperation_DocumentsRawAudioAndFormBodies_AndEveryAudioProblemStatus()
    {
        var operation = _document.Paths["/api/analyze"].Operations![HttpMethod.Post];

        operation.RequestBody!.Content!.Keys.Should().Contain(["audio/wav", "audio/x-wav", "audio/mpeg", "audio/ogg", "multipart/form-data"]);
        operation.Responses!.Keys.Should().Contain(["200", "400", "413", "415", "503"]);
        operation.Parameters!.Select(p => p.Name).Should().Equal("genre");
        JsonNode.Parse(_text)!["components"]!["schemas"]!["AudioScore"]!["required"]!.AsArray().Select(n => n!.GetValue<string>())
            .Should().Contain(["features", "measured", "assumed", "score"]);
    }

    [Fact]
    public async Task ScoreExamples_EachSent_GetsTheStatusAndProblemTheDocumentDocuments()
    {
        var operation = _document.Paths["/" + Routes.Score].Operations![HttpMethod.Post];
        var examples = operation.RequestBody!.Content!["application/json"].Examples!;
        examples.Should().ContainKeys("spotifyAudioFeatures", "track", "batch", "tempoOutOfRange");

        foreach (var (name, example) in examples)
        {
            var (status, documented) = DocumentedAnswer(operation, name);
            using var content = new StringContent(example.Value!.ToJsonString(), Encoding.UTF8, "application/json");

            using var response = await _host.Client.PostAsync("/" + Routes.Score, content, Ct);

            ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(status, $"example '{name}' is documented so");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            if (status == "200")
            {
                body.AsObject().Select(p => p.Key).Should().Equal(documented.AsObject().Select(p => p.Key), $"example '{name}' has the documented shape");
            }
            else
            {
                JsonNode.DeepEquals(body, documented).Should().BeTrue($"example '{name}' gets exactly the documented problem, got {body.ToJsonString()}");
            }
        }
    }

    [Fact]
    public void SpotifyExample_IsAnAudioFeaturesObjectAsItIs()
    {
        var spotify = _document.Paths["/" + Routes.Score].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"]
            .Examples!["spotifyAudioFeatures"].Value!.AsObject();

        spotify["type"]!.GetValue<string>().Should().Be("audio_features");
        spotify.Select(p => p.Key).Should().Contain(["id", "uri", "track_href", "analysis_url"]).And.NotContain(["genre", "explicit"]);
    }

    [Fact]
    public async Task GetOperations_EachCalled_AnswerTheirDocumented200()
    {
        foreach (var (path, item) in _document.Paths.Where(p => p.Value.Operations!.ContainsKey(HttpMethod.Get)))
        {
            item.Operations![HttpMethod.Get].Responses!.Should().ContainKey("200");

            using var response = await _host.Client.GetAsync(path, Ct);

            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", path);
        }
    }

    [Fact]
    public void TrackScoreSchema_MissingAndModel_AreRequiredAndDescribed()
    {
        var score = _document.Components!.Schemas!["TrackScore"];

        score.Required.Should().Contain(["missing", "model"]);
        score.Properties!["missing"].Type.Should().Be(JsonSchemaType.Array);
        score.Properties["model"].Enum!.Select(e => e!.GetValue<string>()).Should().Equal("full", "no-genre", "audio", "audio-no-genre");
    }

    [Fact]
    public void TrackSchema_EveryFeature_HasTheTrackSchemasRangeLabelHintAndUnit()
    {
        var track = _document.Components!.Schemas!["Track"];
        var served = JsonNode.Parse(_text)!["components"]!["schemas"]!["Track"]!["properties"]!;

        foreach (var feature in NumericFeature.All)
        {
            var field = track.Properties![feature.Name];
            decimal.Parse(field.Minimum!, System.Globalization.CultureInfo.InvariantCulture).Should().Be((decimal)feature.Column.Min, feature.Name);
            decimal.Parse(field.Maximum!, System.Globalization.CultureInfo.InvariantCulture).Should().Be((decimal)feature.Column.Max, feature.Name);
            field.Description.Should().Contain(feature.Column.Label).And.Contain(feature.Column.Help);
            served[feature.Name]!["title"]!.GetValue<string>().Should().Be(feature.Column.Label, "the page labels the field with it");
            served[feature.Name]!["x-hint"]!.GetValue<string>().Should().Be(feature.Column.Help, "the page shows it under the field");
            if (feature.Column.Unit.Length > 0)
            {
                served[feature.Name]!["x-unit"]!.GetValue<string>().Should().Be(feature.Column.Unit);
            }
        }

        (track.Required ?? new HashSet<string>()).Should().BeEmpty("any field may be left out");
        track.MinProperties.Should().Be(1);
    }

    [Fact]
    public void ScoreOperation_DocumentsEveryProblemTheHandlerAnswers()
    {
        var responses = _document.Paths["/" + Routes.Score].Operations![HttpMethod.Post].Responses!;

        responses.Keys.Should().Contain(["200", "400", "405", "413", "415", "500", "503"]);
        foreach (var status in new[] { "400", "413", "415", "503" })
        {
            responses[status].Content!.Keys.Should().Equal("application/problem+json");
        }

        responses["503"].Headers!.Should().ContainKey("Retry-After");
    }

    [Fact]
    public void Handler_CalledTwice_AnswersTheSameBytes()
    {
        var handler = new OpenApiHandler(Options.Create(new ServingOptions()));

        var first = ((ServingResult)handler.Handle()).BodyText();
        var second = ((ServingResult)handler.Handle()).BodyText();

        second.Should().Be(first);
        JsonNode.Parse(first)!["paths"]!.AsObject().Count.Should().Be(6);
    }

    [Fact]
    public async Task NotFound_UnknownApiPath_PointsAtTheDescription()
    {
        using var response = await _host.Client.GetAsync("/api/nothing/here", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("/" + Routes.OpenApi);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The status whose response carries an example named <paramref name="name"/>, and that example.</summary>
    private static (string Status, JsonNode Body) DocumentedAnswer(OpenApiOperation operation, string name)
    {
        var matches = operation.Responses!
            .SelectMany(r => (r.Value.Content ?? new Dictionary<string, IOpenApiMediaType>())
                .Where(c => c.Value.Examples?.ContainsKey(name) == true)
                .Select(c => (r.Key, c.Value.Examples![name].Value!)))
            .ToArray();
        matches.Should().ContainSingle($"request example '{name}' has one response example of the same name");
        return matches[0];
    }
}
