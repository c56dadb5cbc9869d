using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving.Audio;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HitPredictor.Tests.Serving;

/// <summary><c>POST /api/analyze</c> on the app as <c>serve</c> builds it (in-memory server, the app's DI), on WAVs generated here.</summary>
public sealed class AnalyzeEndpointTests(SampleModelFixture sample)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyze_RawWavWithGenre_AnswersMeasuredFeaturesAndTheAudioMembersScore()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze?genre=pop", Audio(TestAudio.ClicksOverChord(bpm: 120), "audio/wav"), Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        body["features"]!["duration_ms"]!.GetValue<double>().Should().Be(8000);
        body["features"]!["tempo"]!.GetValue<double>().Should().BeApproximately(120, 2.4);
        body["features"]!["time_signature"]!.GetValue<double>().Should().Be(4);
        Names(body["measured"]).Should().Contain(["duration_ms", "loudness", "tempo"]);
        Names(body["assumed"]).Should().Equal("time_signature");
        var score = body["score"]!;
        score["tier"]!.GetValue<string>().Should().BeOneOf("Viral", "Hit", "Mid", "Flop");
        Names(score["missing"]).Should().Contain(["danceability", "energy", "valence"]).And.NotContain(["genre", "tempo", "time_signature"]);
        score["model"]!.GetValue<string>().Should().Be("audio");
    }

    [Fact]
    public async Task Analyze_MultipartFileWithoutGenre_IsAnsweredByTheGenrelessAudioMember()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);
        using var form = new MultipartFormDataContent { { Audio(TestAudio.ClicksOverChord(), "audio/wav"), "file", "song.wav" } };

        using var response = await host.Client.PostAsync("/api/analyze", form, Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var score = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["score"]!;
        Names(score["missing"]).Should().Contain("genre");
        score["model"]!.GetValue<string>().Should().Be("audio-no-genre");
    }

    [Fact]
    public async Task Analyze_TextPlain_Is415NamingTheContentType()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", new StringContent("tempo=120"), Token);

        await ShouldBeProblem(response, HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [Fact]
    public async Task Analyze_NotAudioSentAsWav_Is415NotAudio()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio("track_id,popularity\n1,50\n"u8.ToArray(), "audio/wav"), Token);

        (await ShouldBeProblem(response, HttpStatusCode.UnsupportedMediaType, "not audio"))["reason"]!.GetValue<string>().Should().Be("not-audio");
    }

    [Fact]
    public async Task Analyze_TruncatedWav_Is400NamingIt()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.Truncated(), "audio/wav"), Token);

        (await ShouldBeProblem(response, HttpStatusCode.BadRequest, "truncated WAV"))["reason"]!.GetValue<string>().Should().Be("truncated");
    }

    [Fact]
    public async Task Analyze_Silence_Is400SayingThereIsNoTempo()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.Silence(), "audio/wav"), Token);

        (await ShouldBeProblem(response, HttpStatusCode.BadRequest, "no tempo"))["reason"]!.GetValue<string>().Should().Be("silent");
    }

    [Fact]
    public async Task Analyze_OverMaxAudioBytes_Is413_AndTheServerStaysHealthy()
    {
        await using var host = await ServiceHost.StartAsync(sample, new Dictionary<string, string?> { ["Serving:MaxAudioBytes"] = "100000" }, Token);

        using var raw = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(), "audio/wav"), Token);
        using var form = new MultipartFormDataContent { { Audio(TestAudio.ClicksOverChord(), "audio/wav"), "file", "song.wav" } };
        using var multipart = await host.Client.PostAsync("/api/analyze", form, Token);
        using var empty = await host.Client.PostAsync("/api/analyze", Audio([], "audio/wav"), Token);
        using var health = await host.Client.GetAsync("/api/health", Token);

        (await ShouldBeProblem(raw, HttpStatusCode.RequestEntityTooLarge, "100,000 bytes"))["reason"]!.GetValue<string>().Should().Be("too-large");
        await ShouldBeProblem(multipart, HttpStatusCode.RequestEntityTooLarge, "100,000 bytes");
        (await ShouldBeProblem(empty, HttpStatusCode.BadRequest, "no audio bytes"))["reason"]!.GetValue<string>().Should().Be("empty");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Analyze_OverMaxAudioSeconds_Is413TooLongNamingTheLimit_AndTheServerStaysHealthy()
    {
        await using var host = await ServiceHost.StartAsync(sample, new Dictionary<string, string?> { ["Serving:MaxAudioSeconds"] = "6" }, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(seconds: 8), "audio/wav"), Token);
        using var health = await host.Client.GetAsync("/api/health", Token);
        using var within = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(seconds: 5), "audio/wav"), Token);

        (await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge, "the limit is 6 s"))["reason"]!.GetValue<string>().Should().Be("too-long");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        within.StatusCode.Should().Be(HttpStatusCode.OK, await within.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Analyze_EveryAnalysisSlotTaken_Is503WithRetryAfter_AndAnswersOnceASlotFrees()
    {
        await using var host = await ServiceHost.StartAsync(sample, new Dictionary<string, string?>
        {
            ["Serving:MaxConcurrentAnalyses"] = "1",
            ["Serving:AnalysisWaitSeconds"] = "0",
            ["Serving:BusyRetryAfterSeconds"] = "3",
        }, Token);
        var gate = host.Services.GetRequiredService<AnalysisGate>();
        HttpResponseMessage busy;
        using (var held = await gate.EnterAsync(Token))
        {
            held.Should().NotBeNull("the only slot is free before the upload");
            busy = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(), "audio/wav"), Token);
        }

        using (busy)
        {
            using var health = await host.Client.GetAsync("/api/health", Token);
            using var after = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(), "audio/wav"), Token);

            await ShouldBeProblem(busy, HttpStatusCode.ServiceUnavailable, "Retry after 3 s");
            busy.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
            health.StatusCode.Should().Be(HttpStatusCode.OK);
            after.StatusCode.Should().Be(HttpStatusCode.OK, await after.Content.ReadAsStringAsync(Token));
        }
    }

    [Fact]
    public async Task Analyze_HalfSecond_Is400TooShort()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(seconds: 0.5), "audio/wav"), Token);

        (await ShouldBeProblem(response, HttpStatusCode.BadRequest, "too short: 0.50 s"))["reason"]!.GetValue<string>().Should().Be("too-short");
    }

    [Fact]
    public async Task Analyze_Clipped_IsScoredWithTheClippingWarning()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);

        using var response = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(gain: 4), "audio/wav"), Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Names(body["warnings"]).Should().ContainSingle(w => w!.StartsWith("clipped:", StringComparison.Ordinal));
        body["score"]!["tier"]!.GetValue<string>().Should().BeOneOf("Viral", "Hit", "Mid", "Flop");
    }

    [Fact]
    public async Task Analyze_WavLabelledMpegAndNamedMp3_IsReadByItsBytes()
    {
        await using var host = await ServiceHost.StartAsync(sample, null, Token);
        using var form = new MultipartFormDataContent { { Audio(TestAudio.ClicksOverChord(), "audio/mpeg"), "file", "song.mp3" } };

        using var raw = await host.Client.PostAsync("/api/analyze", Audio(TestAudio.ClicksOverChord(), "audio/mpeg"), Token);
        using var multipart = await host.Client.PostAsync("/api/analyze", form, Token);

        raw.StatusCode.Should().Be(HttpStatusCode.OK, await raw.Content.ReadAsStringAsync(Token));
        multipart.StatusCode.Should().Be(HttpStatusCode.OK, await multipart.Content.ReadAsStringAsync(Token));
        JsonNode.Parse(await raw.Content.ReadAsStringAsync(Token))!["features"]!["duration_ms"]!.GetValue<double>().Should().Be(8000);
    }

    private static ByteArrayContent Audio(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static string?[] Names(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<JsonNode> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["detail"]!.GetValue<string>().Should().Contain(detailPart);
        return problem;
    }
}
