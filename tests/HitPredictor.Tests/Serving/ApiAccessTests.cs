using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Tests.Serving;

/// <summary>CORS and the optional key, as <c>hitpredictor serve</c> applies them, on an in-memory test server.</summary>
public sealed class ApiAccessTests(SampleModelFixture sample) : IAsyncDisposable
{
    private const string Key = "a-long-enough-test-key";
    private readonly TempDirectory _folder = new();
    private WebApplication? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsAllowed()
    {
        using var client = await StartAsync(("CorsOrigins", "http://example.test, https://app.example.com"));

        using var response = await client.SendAsync(Preflight("http://example.test"), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://example.test");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("POST");
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoAllowOrigin()
    {
        using var client = await StartAsync(("CorsOrigins", "http://example.test"));

        using var response = await client.SendAsync(Preflight("http://evil.test"), Ct);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Preflight_WithNoOriginsSet_GetsNoAllowOrigin()
    {
        using var client = await StartAsync();

        using var response = await client.SendAsync(Preflight("http://example.test"), Ct);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the default is same-origin only");
    }

    [Fact]
    public async Task Score_FromAnAllowedOrigin_CarriesAllowOrigin()
    {
        using var client = await StartAsync(("CorsOrigins", "http://example.test"));
        await WaitForModelAsync(client);
        using var request = ScoreRequest();
        request.Headers.Add("Origin", "http://example.test");

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("http://example.test");
    }

    [Fact]
    public async Task Score_KeySetButNotSent_Returns401Problem()
    {
        using var client = await StartAsync(("ApiKey", Key));

        using var response = await client.SendAsync(ScoreRequest(), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>().Should().Contain(ApiAccess.KeyHeader);
    }

    [Fact]
    public async Task Score_KeySetAndAWrongKeySent_Returns401()
    {
        using var client = await StartAsync(("ApiKey", Key));
        using var request = ScoreRequest();
        request.Headers.Add(ApiAccess.KeyHeader, Key + "x");

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Score_KeySetAndSent_Scores()
    {
        using var client = await StartAsync(("ApiKey", Key));
        client.DefaultRequestHeaders.Add(ApiAccess.KeyHeader, Key);
        await WaitForModelAsync(client);

        using var response = await client.SendAsync(ScoreRequest(), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/" + Routes.Health)]
    [InlineData("/" + Routes.OpenApi)]
    [InlineData("/")]
    public async Task OpenRoutes_KeySetButNotSent_AreNotRefused(string path)
    {
        using var client = await StartAsync(("ApiKey", Key));

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("CorsOrigins", "example.test")]
    [InlineData("CorsOrigins", "http://example.test/app")]
    [InlineData("ApiKey", "short")]
    public void Validate_BadAccessSetting_IsReportedByName(string setting, string value)
    {
        var options = new ServingOptions();
        typeof(ServingOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new ServingOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Serving:" + setting);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    private async Task<HttpClient> StartAsync(params (string Key, string Value)[] settings)
    {
        await ServingTestData.PublishAsync(ModelStoreFactory.ForFolder(_folder.Path), sample, "v1");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create("Serving:" + s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("Serving:StoreFolder", (string?)_folder.Path)));
        builder.Services.AddHitPredictorServing(builder.Configuration);
        _app = builder.Build();
        _app.UseHitPredictorServing();
        await _app.StartAsync(Ct);
        return _app.GetTestClient();
    }

    private static async Task WaitForModelAsync(HttpClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await client.GetAsync("/" + Routes.Health, timeout.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/" + Routes.Score);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static HttpRequestMessage ScoreRequest() => new(HttpMethod.Post, "/" + Routes.Score)
    {
        Content = new StringContent(ServingTestData.Track().ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
