using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using Azure.Storage.Blobs;
using HitPredictor.Functions;
using HitPredictor.IntegrationTests.Infrastructure;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HitPredictor.IntegrationTests;

/// <summary>
/// The Functions app's service graph (AppServices.Configure, as Program.cs calls it) over a real Azurite container:
/// function classes invoked with real HTTP request objects, their IResult executed into a real response.
/// </summary>
public sealed class ScoringFunctionsTests(AzuriteFixture azurite, TrainedModelFixture model) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly BlobContainerClient _container = azurite.NewContainer();
    private IHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IModelStore Store => ModelStoreFactory.ForContainer(_container);

    private IServiceProvider Services => _host!.Services;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Score_SecondModelPublished_ModelVersionChangesWithoutRestart()
    {
        // Arrange
        await model.PublishAsync(Store, "v1");
        await StartAppAsync();
        await WaitForVersionAsync("v1");

        // Act
        var before = await ScoreAsync(Track());
        await model.PublishAsync(Store, "v2");
        await WaitForVersionAsync("v2");
        var after = await ScoreAsync(Track());

        // Assert
        before.Status.Should().Be(200, before.Body);
        before.Json["modelVersion"]!.GetValue<string>().Should().Be("v1");
        after.Status.Should().Be(200, after.Body);
        after.Json["modelVersion"]!.GetValue<string>().Should().Be("v2");
        after.Json["probabilities"]!.AsObject().Select(p => p.Key).Should().Equal("Viral", "Hit", "Mid", "Flop");
    }

    [Fact]
    public async Task Score_Batch_KeepsOrderAndAnswersJson()
    {
        await model.PublishAsync(Store, "v1");
        await StartAppAsync();
        await WaitForVersionAsync("v1");

        var response = await ScoreAsync(new JsonObject { ["tracks"] = new JsonArray(Track(), Track(genre: null), Track("rock")) });

        response.Status.Should().Be(200, response.Body);
        response.ContentType.Should().StartWith("application/json");
        response.Json["count"]!.GetValue<int>().Should().Be(3);
        response.Json["results"]![1]!["model"]!.GetValue<string>().Should().Be("no-genre");
        response.Json["results"]![1]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("genre");
    }

    [Fact]
    public async Task Score_InvalidField_ReturnsProblemJsonThroughTheFunction()
    {
        await model.PublishAsync(Store, "v1");
        await StartAppAsync();
        await WaitForVersionAsync("v1");
        var track = Track();
        track["tempo"] = -4;

        var response = await ScoreAsync(new JsonArray(Track(), track));

        response.Status.Should().Be(400);
        response.ContentType.Should().StartWith("application/problem+json");
        response.Json["errors"]!["tracks[1].tempo"]![0]!.GetValue<string>().Should().Contain("BPM");
    }

    [Fact]
    public async Task Health_NothingPublished_Returns503ThenOkOncePublished()
    {
        await StartAppAsync();
        Eventually(() => Services.GetRequiredService<ModelRefresher>().Status.Starting == false);

        var before = await InvokeAsync(new HealthFunction(Services.GetRequiredService<Serving.Http.HealthHandler>()).Run(NewContext().Request));
        await model.PublishAsync(Store, "v1");
        await WaitForVersionAsync("v1");
        var after = await InvokeAsync(new HealthFunction(Services.GetRequiredService<Serving.Http.HealthHandler>()).Run(NewContext().Request));

        before.Status.Should().Be(503);
        before.Headers["Retry-After"].ToString().Should().Be("5");
        before.Json["detail"]!.GetValue<string>().Should().Contain("hitpredictor publish");
        after.Status.Should().Be(200);
        after.Json["modelVersion"]!.GetValue<string>().Should().Be("v1");
    }

    [Fact]
    public async Task Model_Loaded_ReturnsTheLiveCard()
    {
        await model.PublishAsync(Store, "v1");
        await StartAppAsync();
        await WaitForVersionAsync("v1");

        var function = ActivatorUtilities.CreateInstance<ModelFunction>(Services);
        var response = await InvokeAsync(function.Run(NewContext().Request));

        response.Status.Should().Be(200);
        response.Body.Should().Be(model.CardJson("v1"));
    }

    [Fact]
    public async Task Refresh_CorruptModelPublished_KeepsServingLastGoodModel()
    {
        // Arrange
        await model.PublishAsync(Store, "v1");
        await StartAppAsync();
        await WaitForVersionAsync("v1");

        // Act: a model.zip that is not a model, pointed at directly (publish would refuse it).
        await Store.PutAsync("v2", Encoding.UTF8.GetBytes("not a model"), model.CardJson("v2"), Ct);
        await Store.SetCurrentAsync("v2", await Store.GetCurrentETagAsync(Ct), Ct);
        var refresher = Services.GetRequiredService<ModelRefresher>();
        Eventually(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            return refresher.Status.LastError is not null;
        });

        // Assert
        var score = await ScoreAsync(Track());
        score.Json["modelVersion"]!.GetValue<string>().Should().Be("v1");
        var health = await InvokeAsync(ActivatorUtilities.CreateInstance<HealthFunction>(Services).Run(NewContext().Request));
        health.Status.Should().Be(200);
        health.Json["lastError"]!.GetValue<string>().Should().Contain("failed to load").And.Contain("still serving v1");
    }

    [Fact]
    public async Task SetCurrent_TwoWritersWithSameETag_OnlyOneWins()
    {
        await model.PublishAsync(Store, "v1");
        var etag = await Store.GetCurrentETagAsync(Ct);

        await Store.SetCurrentAsync("v1", etag, Ct);
        var second = () => Store.SetCurrentAsync("v1", etag, Ct);

        await second.Should().ThrowAsync<PointerConflictException>();
    }

    [Fact]
    public async Task Put_ExistingVersion_IsNotOverwritten()
    {
        await model.PublishAsync(Store, "v1");

        var again = await Store.PutAsync("v1", Encoding.UTF8.GetBytes("other"), model.CardJson("v1"), Ct);

        again.Should().BeFalse();
        (await Store.OpenAsync("v1", Ct)).ModelZip.Length.Should().Be(model.ModelZip.Length);
    }

    [Fact]
    public async Task Models_TwoVersionsInBlobStorage_ListsBothNewestFirstWithTheLiveOneMarked()
    {
        // Arrange
        await model.PublishAsync(Store, "v1");
        await model.PublishAsync(Store, "v2");
        await StartAppAsync();

        // Act
        var response = await InvokeAsync(await ActivatorUtilities.CreateInstance<ModelsFunction>(Services).RunAsync(NewContext().Request, Ct));

        // Assert
        response.Status.Should().Be(200, response.Body);
        response.Json["live"]!.GetValue<string>().Should().Be("v2");
        response.Json["versions"]!.AsArray().Select(v => (v!["version"]!.GetValue<string>(), v["live"]!.GetValue<bool>()))
            .Should().Equal(("v2", true), ("v1", false));
        response.Json["versions"]![0]!["macroF1"]!.GetValue<double>().Should().BeInRange(0, 1);
    }

    [Fact]
    public async Task OpenApi_ThroughTheFunction_ParsesAndDescribesEveryApiRoute()
    {
        // Arrange
        await StartAppAsync();

        // Act
        var response = await InvokeAsync(ActivatorUtilities.CreateInstance<OpenApiFunction>(Services).Run(NewContext().Request));

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().StartWith("application/json");
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(response.Body, "json", new Microsoft.OpenApi.Reader.OpenApiReaderSettings());
        read.Diagnostic!.Errors.Should().BeEmpty();
        read.Document!.Paths.Keys.Should().Contain(["/api/score", "/api/model", "/api/health", "/api/models", "/api/openapi.json"]);
    }

    private async Task StartAppAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelStorage"] = azurite.ConnectionString,
            ["Serving:ModelsContainer"] = _container.Name,
            ["Serving:PollSeconds"] = "30",
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        AppServices.Configure(builder.Services, builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync(Ct);
    }

    private async Task WaitForVersionAsync(string version)
    {
        var pool = Services.GetRequiredService<EnginePool>();
        var refresher = Services.GetRequiredService<ModelRefresher>();
        if (pool.Current?.Version != version && !refresher.Status.Starting)
        {
            await refresher.ReloadAsync(Ct);
        }

        Eventually(() =>
        {
            if (pool.Current?.Version == version)
            {
                return true;
            }

            _time.Advance(TimeSpan.FromSeconds(30));
            return false;
        });
    }

    private async Task<Response> ScoreAsync(JsonNode body)
    {
        var context = NewContext();
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        var function = ActivatorUtilities.CreateInstance<ScoreFunction>(Services);
        return await InvokeAsync(await function.RunAsync(context.Request, Ct));
    }

    private DefaultHttpContext NewContext() => new()
    {
        RequestServices = Services,
        Response = { Body = new MemoryStream() },
    };

    /// <summary>Executes the result as the Functions ASP.NET Core integration does (IResult.ExecuteAsync on the HttpContext).</summary>
    private static async Task<Response> InvokeAsync(IResult result)
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Response(context.Response.StatusCode, context.Response.ContentType ?? "", body, context.Response.Headers);
    }

    private static JsonObject Track(string? genre = "pop")
    {
        var track = new JsonObject
        {
            ["danceability"] = 0.7, ["energy"] = 0.8, ["loudness"] = -5.5, ["tempo"] = 120.0, ["speechiness"] = 0.05,
            ["acousticness"] = 0.1, ["instrumentalness"] = 0.0, ["liveness"] = 0.1, ["valence"] = 0.6,
            ["duration_ms"] = 215_000, ["key"] = 5, ["mode"] = 1, ["time_signature"] = 4, ["explicit"] = false,
        };
        if (genre is not null)
        {
            track["genre"] = genre;
        }

        return track;
    }

    /// <summary>A bounded wait for what the background service makes true (no fixed sleeps).</summary>
    private static void Eventually(Func<bool> condition) =>
        SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(60)).Should().BeTrue();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }

        await _container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
    }

    private sealed record Response(int Status, string ContentType, string Body, IHeaderDictionary Headers)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }
}
