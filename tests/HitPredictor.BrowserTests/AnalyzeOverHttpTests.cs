using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.TestData;

namespace HitPredictor.BrowserTests;

/// <summary>
/// <c>POST /api/analyze</c> over HTTP against <c>hitpredictor serve</c> on Kestrel (#11 item 2), at the default
/// Serving:MaxAudioBytes (64 MiB): a body above Kestrel's own 30 MB default is read and analysed, one over the setting
/// is 413 with the reason (read by the client whether or not it waits for 100 Continue), and the server stays healthy.
/// </summary>
public sealed class AnalyzeOverHttpTests(ServerFixture server)
{
    private const long MaxAudioBytes = 64L * 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyze_WavOver30MegabytesButUnderTheSetting_IsAnalysed()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var wav = TestAudio.ClicksOverChord(bpm: 120, seconds: 760);
        wav.Length.Should().BeGreaterThan(32_000_000, "the body must exceed Kestrel's default MaxRequestBodySize (30,000,000 bytes)");

        using var response = await client.PostAsync(new Uri("api/analyze", UriKind.Relative), Audio(wav), Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonNode.Parse(text)!["features"]!["duration_ms"]!.GetValue<double>().Should().Be(760_000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Analyze_BodyOverMaxAudioBytes_Is413TooLarge_AndTheServerStaysHealthy(bool expectContinue)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.ExpectContinue = expectContinue;
        var body = new byte[MaxAudioBytes + 1];
        TestAudio.ClicksOverChord().CopyTo(body, 0);

        using var response = await client.PostAsync(new Uri("api/analyze", UriKind.Relative), Audio(body), Token);
        using var health = await client.GetAsync(new Uri("api/health", UriKind.Relative), Token);
        using var small = await client.PostAsync(new Uri("api/analyze", UriKind.Relative), Audio(TestAudio.ClicksOverChord()), Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["reason"]!.GetValue<string>().Should().Be("too-large");
        problem["detail"]!.GetValue<string>().Should().Contain("67,108,864 bytes");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        small.StatusCode.Should().Be(HttpStatusCode.OK, await small.Content.ReadAsStringAsync(Token));
    }

    private static ByteArrayContent Audio(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }
}
