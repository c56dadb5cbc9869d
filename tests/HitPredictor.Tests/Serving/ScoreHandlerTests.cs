using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace HitPredictor.Tests.Serving;

public sealed class ScoreHandlerTests(SampleModelFixture sample)
{
    [Fact]
    public async Task Score_SingleTrack_ReturnsTierAllProbabilitiesAndVersion()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(ServingTestData.Track());

        result.StatusCode.Should().Be(200);
        result.ContentType.Should().StartWith("application/json");
        var body = ScoringHarness.Body(result);
        body["tier"]!.GetValue<string>().Should().BeOneOf("Viral", "Hit", "Mid", "Flop");
        var probabilities = body["probabilities"]!.AsObject();
        probabilities.Select(p => p.Key).Should().Equal("Viral", "Hit", "Mid", "Flop");
        probabilities.Sum(p => p.Value!.GetValue<double>()).Should().BeApproximately(1, 1e-6);
        body["genreAveraged"]!.GetValue<bool>().Should().BeFalse();
        body["modelVersion"]!.GetValue<string>().Should().Be("v1");
        body["predictionSet"]!["level"]!.GetValue<double>().Should().Be(0.9);
        var set = body["predictionSet"]!["tiers"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        set.Should().Contain(probabilities.MaxBy(p => p.Value!.GetValue<double>()).Key).And.Contain(body["tier"]!.GetValue<string>());
        set.Select(t => probabilities[t]!.GetValue<double>()).Should().BeInDescendingOrder();
        body.AsObject().Select(p => p.Key).Should().Equal("tier", "probabilities", "genreAveraged", "modelVersion", "predictionSet", "missing", "model");
        body["missing"]!.AsArray().Should().BeEmpty();
        body["model"]!.GetValue<string>().Should().Be("full");
    }

    [Fact]
    public async Task Score_Array_KeepsInputOrder()
    {
        using var harness = new ScoringHarness(sample);
        var genres = sample.Package.Card.Genres;
        var tracks = new[] { ServingTestData.Track(genres[0], 80), ServingTestData.Track(genres[5], 140), ServingTestData.Track(null, 100) };
        var singles = new List<JsonNode>();
        foreach (var track in tracks)
        {
            singles.Add(ScoringHarness.Body(await harness.ScoreAsync(track.DeepClone())));
        }

        var result = await harness.ScoreAsync(new JsonArray([.. tracks]));

        result.StatusCode.Should().Be(200);
        var body = ScoringHarness.Body(result);
        body.AsObject().Select(p => p.Key).Should().Equal("modelVersion", "count", "results");
        body["modelVersion"]!.GetValue<string>().Should().Be("v1");
        body["count"]!.GetValue<int>().Should().Be(3);
        var results = body["results"]!.AsArray();
        for (var i = 0; i < 3; i++)
        {
            JsonNode.DeepEquals(results[i], singles[i]).Should().BeTrue($"result {i} is track {i}'s");
        }
    }

    [Fact]
    public async Task Score_TracksObject_SameAsArray()
    {
        using var harness = new ScoringHarness(sample);

        var array = await harness.ScoreAsync(new JsonArray(ServingTestData.Track(), ServingTestData.Track("rock")));
        var wrapped = await harness.ScoreAsync(new JsonObject { ["tracks"] = new JsonArray(ServingTestData.Track(), ServingTestData.Track("rock")) });

        wrapped.StatusCode.Should().Be(200);
        wrapped.BodyText().Should().Be(array.BodyText());
    }

    [Fact]
    public async Task Score_GenreLeftOut_AnsweredByTheMemberWithoutGenreAndSaysSo()
    {
        using var harness = new ScoringHarness(sample);

        var body = ScoringHarness.Body(await harness.ScoreAsync(ServingTestData.Track(genre: null)));

        body["missing"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("genre");
        body["model"]!.GetValue<string>().Should().Be("no-genre");
        body["probabilities"]!.AsObject().Sum(p => p.Value!.GetValue<double>()).Should().BeApproximately(1, 1e-6);
    }

    [Fact]
    public async Task Score_TrackGenreAlias_IsAccepted()
    {
        using var harness = new ScoringHarness(sample);
        var track = ServingTestData.Track(genre: null);
        track["track_genre"] = "rock";

        var body = ScoringHarness.Body(await harness.ScoreAsync(track));

        body["genreAveraged"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Score_SpotifyAudioFeaturesObjectAsIs_IsScored()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(ServingTestData.SpotifyAudioFeatures());

        result.StatusCode.Should().Be(200, result.BodyText());
    }

    [Fact]
    public async Task Score_UnknownGenre_ListsClosestKnownNames()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(ServingTestData.Track("popp"));

        result.StatusCode.Should().Be(400);
        result.ContentType.Should().StartWith("application/problem+json");
        ScoringHarness.Errors(result)["genre"].Single().Should().Contain("closest: pop");
    }

    [Fact]
    public async Task Score_BatchWithBadTracks_RejectsWholeBatchListingEveryErrorWithIndex()
    {
        // Arrange
        using var harness = new ScoringHarness(sample);
        var bad = ServingTestData.Track(tempo: -4);
        var worse = ServingTestData.Track();
        worse["energy"] = 2;
        worse["duration_ms"] = 215;

        // Act
        var result = await harness.ScoreAsync(new JsonObject { ["tracks"] = new JsonArray(ServingTestData.Track(), bad, ServingTestData.Track(), worse) });

        // Assert
        result.StatusCode.Should().Be(400);
        var errors = ScoringHarness.Errors(result);
        errors.Keys.Should().BeEquivalentTo("tracks[1].tempo", "tracks[3].energy", "tracks[3].duration_ms");
        errors["tracks[1].tempo"].Single().Should().Contain("0 to 300 BPM").And.Contain("-4");
        errors["tracks[3].duration_ms"].Single().Should().Contain("looks like seconds");
        var body = ScoringHarness.Body(result);
        body["status"]!.GetValue<int>().Should().Be(400);
        body["errors"]!["tracks[1].tempo"].Should().NotBeNull();
    }

    [Fact]
    public async Task Score_NoModelLoaded_Returns503WithRetryAfter()
    {
        using var harness = new ScoringHarness(null, new ServingOptions { RetryAfterSeconds = 7 });

        var result = await harness.ScoreAsync(ServingTestData.Track());

        result.StatusCode.Should().Be(503);
        result.Headers["Retry-After"].Should().Be("7");
        result.ContentType.Should().StartWith("application/problem+json");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Score_WrongContentType_Returns415(string? contentType)
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(ServingTestData.Track().ToJsonString(), contentType);

        result.StatusCode.Should().Be(415);
        ScoringHarness.Body(result)["title"]!.GetValue<string>().Should().Be("Unsupported content type.");
    }

    [Fact]
    public async Task Score_JsonWithCharset_IsAccepted()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(ServingTestData.Track().ToJsonString(), "application/json; charset=utf-8");

        result.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task Score_BodyOverLimit_Returns413()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxBodyBytes = 1024 });
        var body = new JsonArray([.. Enumerable.Range(0, 10).Select(_ => ServingTestData.Track())]).ToJsonString();

        var declared = await harness.ScoreAsync(ServingTestData.Request(body));
        var chunked = ServingTestData.Request(body);
        chunked.ContentLength = null;
        var streamed = await harness.ScoreAsync(chunked);

        declared.StatusCode.Should().Be(413);
        streamed.StatusCode.Should().Be(413);
    }

    [Fact]
    public async Task Score_BatchOverLimit_Returns400NamingTheLimit()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxBatchSize = 2 });

        var result = await harness.ScoreAsync(new JsonArray(ServingTestData.Track(), ServingTestData.Track(), ServingTestData.Track()));

        result.StatusCode.Should().Be(400);
        ScoringHarness.Errors(result)["tracks"].Single().Should().Contain("at most 2 tracks");
    }

    [Theory]
    [InlineData("{\"danceability\": 0.5,", "not valid JSON")]
    [InlineData("{'a': 1}", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("42", "not a track")]
    [InlineData("\"track\"", "not a track")]
    [InlineData("null", "not a track")]
    [InlineData("[]", "invalid")]
    [InlineData("{\"tracks\": {}}", "invalid")]
    [InlineData("{\"tracks\": []}", "invalid")]
    public async Task Score_MalformedBody_Returns400Problem(string body, string titlePart)
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(body);

        result.StatusCode.Should().Be(400);
        result.ContentType.Should().StartWith("application/problem+json");
        ScoringHarness.Body(result)["title"]!.GetValue<string>().Should().Contain(titlePart);
    }

    [Fact]
    public async Task Score_NonObjectInBatch_IsReportedAtItsIndex()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(new JsonArray(ServingTestData.Track(), null, 5));

        ScoringHarness.Errors(result).Keys.Should().BeEquivalentTo("tracks[1]", "tracks[2]");
    }

    [Fact]
    public async Task Execute_ValidationProblem_WritesProblemJsonToResponse()
    {
        using var harness = new ScoringHarness(sample);
        var request = ServingTestData.Request(ServingTestData.Track(tempo: 999));
        var result = await harness.ScoreAsync(request);

        await result.ExecuteAsync(request.HttpContext);

        var response = request.HttpContext.Response;
        response.StatusCode.Should().Be(400);
        response.ContentType.Should().Be("application/problem+json; charset=utf-8");
        response.Body.Position = 0;
        var written = await JsonNode.ParseAsync(response.Body, cancellationToken: TestContext.Current.CancellationToken);
        written!["errors"]!["tempo"]![0]!.GetValue<string>().Should().Contain("0 to 300 BPM");
    }

    [Fact]
    public void Model_Loaded_ReturnsCardExactlyAsSerialised()
    {
        using var harness = new ScoringHarness(sample);

        var result = (ServingResult)new ModelHandler(harness.Pool, harness.Refresher, Microsoft.Extensions.Options.Options.Create(new ServingOptions())).Handle();

        result.StatusCode.Should().Be(200);
        result.BodyText().Should().Be(ServingTestData.CardJson(sample, "v1"));
    }

    [Fact]
    public void Health_NoModel_Returns503WithReason()
    {
        using var harness = new ScoringHarness(null);

        var result = (ServingResult)new HealthHandler(harness.Pool, harness.Refresher, Microsoft.Extensions.Options.Options.Create(new ServingOptions())).Handle();

        result.StatusCode.Should().Be(503);
        result.Headers.Should().ContainKey("Retry-After");
        ScoringHarness.Body(result)["detail"]!.GetValue<string>().Should().Contain("loading");
    }

    [Fact]
    public void Health_ModelLoaded_ReturnsOkWithVersionAndLoadTime()
    {
        using var harness = new ScoringHarness(sample);

        var result = (ServingResult)new HealthHandler(harness.Pool, harness.Refresher, Microsoft.Extensions.Options.Options.Create(new ServingOptions())).Handle();

        result.StatusCode.Should().Be(200);
        var body = ScoringHarness.Body(result);
        body.AsObject().Select(p => p.Key).Should().Equal("status", "modelVersion", "loadedAt", "lastError", "fallback");
        body["status"]!.GetValue<string>().Should().Be("ok");
        body["fallback"].Should().BeNull();
        body["modelVersion"]!.GetValue<string>().Should().Be("v1");
    }

    [Fact]
    public void Routes_AreTheContract()
    {
        Routes.Score.Should().Be("api/score");
        Routes.Model.Should().Be("api/model");
        Routes.Health.Should().Be("api/health");
        HttpMethods.IsPost("POST").Should().BeTrue();
    }
}
