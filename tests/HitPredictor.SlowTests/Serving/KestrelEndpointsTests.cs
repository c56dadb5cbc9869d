using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Tests.Serving;

/// <summary>The endpoints as <c>hitpredictor serve</c> maps them, on real Kestrel (loopback, a free port), over a folder store.</summary>
public sealed class KestrelEndpointsTests(SampleModelFixture sample) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private WebApplication? _app;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await ServingTestData.PublishAsync(ModelStoreFactory.ForFolder(_folder.Path), sample, "v1");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Serving:StoreFolder"] = _folder.Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHitPredictorServing(builder.Configuration);
        _app = builder.Build();
        _app.MapHitPredictorServing();
        await _app.StartAsync(Ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
        SpinWait.SpinUntil(() => _client.GetAsync("/" + Routes.Health, Ct).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60)).Should().BeTrue();
    }

    [Fact]
    public async Task Score_OverHttp_ReturnsJsonScore()
    {
        using var content = new StringContent(ServingTestData.Track().ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/" + Routes.Score, content, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        body!["modelVersion"]!.GetValue<string>().Should().Be("v1");
    }

    [Fact]
    public async Task Score_OverHttpWithWrongContentType_Returns415Problem()
    {
        using var content = new StringContent("tempo=120", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync("/" + Routes.Score, content, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Model_OverHttp_ReturnsCard()
    {
        var card = await _client.GetStringAsync("/" + Routes.Model, Ct);

        card.Should().Be(ServingTestData.CardJson(sample, "v1"));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }
}
