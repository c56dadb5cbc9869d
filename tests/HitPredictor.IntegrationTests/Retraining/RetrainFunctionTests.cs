using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HitPredictor.Functions;
using HitPredictor.IntegrationTests.Infrastructure;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.TestData;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HitPredictor.IntegrationTests.Retraining;

/// <summary>
/// Upload to a real Azurite <c>datasets</c> container, then the Retrain function invoked through the app's own service
/// graph with a real <see cref="BlobClient"/>, as the Event Grid-sourced trigger would call it. Each test owns its
/// containers; the forest is small so a run takes seconds.
/// </summary>
public sealed class RetrainFunctionTests(AzuriteFixture azurite, TrainedModelFixture model) : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private IHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BlobServiceClient Service => new(azurite.ConnectionString);

    private BlobContainerClient Datasets => Service.GetBlobContainerClient($"d{_id}");

    private BlobContainerClient Reports => Service.GetBlobContainerClient($"r{_id}");

    private IModelStore Store => ModelStoreFactory.ForContainer(Service.GetBlobContainerClient($"m{_id}"));

    private IServiceProvider Services => _host!.Services;

    public async ValueTask InitializeAsync() => await Datasets.CreateIfNotExistsAsync(cancellationToken: Ct);

    [Fact]
    public async Task Upload_GoodDataset_NewVersionLiveAndScoreFunctionReturnsIt()
    {
        // Arrange
        await StartAppAsync(new() { ["Retraining:ModelSection"] = "true" });

        // Act
        var report = await UploadAndRunAsync("tracks.csv", File.ReadAllBytes(Repository.Sample));
        await Services.GetRequiredService<ModelRefresher>().ReloadAsync(Ct);
        var score = await ScoreAsync();

        // Assert
        report["outcome"]!.GetValue<string>().Should().Be("promoted", report["reason"]!.GetValue<string>());
        var version = report["candidate"]!["version"]!.GetValue<string>();
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be(version);
        score.Json["modelVersion"]!.GetValue<string>().Should().Be(version);
        report["modelSection"]!.GetValue<string>().Should().Be($"{Reports.Name}/tracks.csv/{report["runId"]}/model-section.json");
        (await Reports.GetBlobClient($"tracks.csv/{report["runId"]}/model-section.json").ExistsAsync(Ct)).Value.Should().BeTrue();
    }

    [Fact]
    public async Task Upload_SameBytesUnderAnotherName_NotTrainedAgain()
    {
        await StartAppAsync();
        var bytes = File.ReadAllBytes(Repository.Sample);
        var first = await UploadAndRunAsync("first.csv", bytes);
        var etag = await Store.GetCurrentETagAsync(Ct);

        var second = await UploadAndRunAsync("renamed.csv", bytes);

        second["outcome"]!.GetValue<string>().Should().Be("alreadyTrained");
        second["reason"]!.GetValue<string>().Should().Contain($"Already trained as version {first["candidate"]!["version"]}");
        second["timings"]!.AsObject().Select(t => t.Key).Should().NotContain("train");
        (await Store.GetCurrentETagAsync(Ct)).Should().Be(etag);
    }

    [Fact]
    public async Task Upload_ShuffledLabels_RejectedByGateAndLiveVersionUnchanged()
    {
        // Arrange
        await StartAppAsync();
        var good = await UploadAndRunAsync("good.csv", File.ReadAllBytes(Repository.Sample));
        var live = await Store.GetCurrentAsync(Ct);

        // Act
        var shuffled = await UploadAndRunAsync("shuffled.csv", RetrainDatasets.ShuffledLabels(Repository.Sample));

        // Assert
        good["outcome"]!.GetValue<string>().Should().Be("promoted");
        shuffled["outcome"]!.GetValue<string>().Should().Be("keptLive");
        shuffled["reason"]!.GetValue<string>().Should().StartWith("Kept the live model").And.Contain("majority baseline");
        shuffled["rule"]!.GetValue<string>().Should().Contain("not lower than the live model's by more than 0.005");
        shuffled["live"]!["version"]!.GetValue<string>().Should().Be(live!.Version);
        (await Store.GetCurrentAsync(Ct))!.ETag.Should().Be(live.ETag);
    }

    [Theory]
    [InlineData(BadUpload.NotCsv)]
    [InlineData(BadUpload.Empty)]
    [InlineData(BadUpload.HeaderOnly)]
    [InlineData(BadUpload.MissingColumns)]
    [InlineData(BadUpload.MostRowsRejected)]
    [InlineData(BadUpload.TooFewRows)]
    [InlineData(BadUpload.OneTierOnly)]
    [InlineData(BadUpload.OverSizeLimit)]
    public async Task Upload_BadFile_ReportSaysWhyAndLiveModelUnchanged(BadUpload kind)
    {
        // Arrange
        var live = await model.PublishAsync(Store, "v1");
        await StartAppAsync(kind == BadUpload.OverSizeLimit
            ? new() { ["Retraining:MaxDatasetBytes"] = RetrainDatasets.TestSizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : null);

        // Act
        var report = await UploadAndRunAsync($"{kind}.csv", RetrainDatasets.Bad(kind, Repository.Sample));

        // Assert
        report["outcome"]!.GetValue<string>().Should().Be("rejected");
        foreach (var expected in RetrainDatasets.ExpectedReason(kind))
        {
            report["reason"]!.GetValue<string>().Should().Contain(expected);
        }

        (await Store.GetCurrentAsync(Ct))!.ETag.Should().Be(live.Current.ETag);
        report["liveVersionAfter"]!.GetValue<string>().Should().Be("v1");
    }

    [Fact]
    public async Task Upload_TwoAtOnce_BothHandledOneAtATime()
    {
        // Arrange
        await StartAppAsync();
        var a = await UploadAsync("a.csv", File.ReadAllBytes(Repository.Sample));
        var b = await UploadAsync("b.csv", RetrainDatasets.Reversed(Repository.Sample));

        // Act
        await Task.WhenAll(RunAsync(a), RunAsync(b));

        // Assert
        var reports = new[] { await ReportAsync("a.csv"), await ReportAsync("b.csv") }
            .OrderBy(r => r["lockAcquiredAt"]!.GetValue<DateTimeOffset>()).ToArray();
        reports.Select(r => r["outcome"]!.GetValue<string>()).Should().OnlyContain(o => o == "promoted" || o == "keptLive");
        reports[0]["lockReleasedAt"]!.GetValue<DateTimeOffset>().Should().BeOnOrBefore(reports[1]["lockAcquiredAt"]!.GetValue<DateTimeOffset>());
        reports[1]["live"]!["version"]!.GetValue<string>().Should().Be(reports[0]["candidate"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_KilledBetweenWritingModelAndMovingPointer_LiveUnchangedAndRedeliverySucceeds()
    {
        // Arrange: the app's store is wrapped so that a run can "die" where the pointer would move. The live model
        // knows only the sample's first genres, so the whole sample beats it.
        var dying = new DyingStore(Store) { Alive = true };
        await StartAppAsync(store: dying);
        await UploadAndRunAsync("first-genres.csv", RetrainDatasets.FirstRows(Repository.Sample, 3_000));
        var live = await Store.GetCurrentAsync(Ct);
        dying.Alive = false;
        var blob = await UploadAsync("tracks.csv", File.ReadAllBytes(Repository.Sample));

        // Act
        var killed = () => RunAsync(blob);
        await killed.Should().ThrowAsync<ProcessKilledException>();
        var afterKill = await Store.GetCurrentAsync(Ct);
        dying.Alive = true;
        await RunAsync(blob);

        // Assert
        dying.WrittenWhileDead.Should().NotBeNull("the run died after writing its version");
        afterKill!.ETag.Should().Be(live!.ETag, "the pointer never moved to the half-promoted version");
        var redelivered = await ReportAsync("tracks.csv");
        redelivered["outcome"]!.GetValue<string>().Should().Be("promoted", redelivered["reason"]!.GetValue<string>());
        var version = redelivered["candidate"]!["version"]!.GetValue<string>();
        version.Should().NotBe(dying.WrittenWhileDead);
        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be(version);
    }

    [Fact]
    public async Task Upload_NotCsvName_IgnoredWithoutRun()
    {
        await StartAppAsync();
        var blob = await UploadAsync("notes.txt", Encoding.UTF8.GetBytes("not a dataset"));

        await RunAsync(blob);

        (await Reports.ExistsAsync(Ct)).Value.Should().BeFalse("no run started, so nothing was reported");
        (await Store.GetCurrentAsync(Ct)).Should().BeNull();
    }

    private async Task StartAppAsync(Dictionary<string, string?>? settings = null, IModelStore? store = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelStorage"] = azurite.ConnectionString,
            ["Serving:ModelsContainer"] = $"m{_id}",
            ["Serving:ReportsContainer"] = $"r{_id}",
            ["Serving:DatasetsContainer"] = $"d{_id}",
            ["Retraining:Trees"] = "10",
            ["Retraining:Leaves"] = "50",
            ["Retraining:ArtistGroupedEvaluation"] = "false",
            ["Retraining:FeatureImportance"] = "false",
            ["Retraining:ModelSection"] = "false",
            ["Retraining:LeaseSeconds"] = "15",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        AppServices.Configure(builder.Services, builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync(Ct);
    }

    private async Task<BlobClient> UploadAsync(string name, byte[] content)
    {
        var blob = Datasets.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), Ct);
        return blob;
    }

    /// <summary>What the Functions host does for a blob event: the Retrain function, from the app's DI, with the blob's client and name.</summary>
    private Task RunAsync(BlobClient blob) =>
        ActivatorUtilities.CreateInstance<RetrainFunction>(Services).RunAsync(blob, blob.Name, Ct);

    private async Task<JsonNode> UploadAndRunAsync(string name, byte[] content)
    {
        await RunAsync(await UploadAsync(name, content));
        return await ReportAsync(name);
    }

    /// <summary>The latest report of a dataset, read from the reports container.</summary>
    private async Task<JsonNode> ReportAsync(string dataset)
    {
        var names = new List<string>();
        await foreach (var item in Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, dataset + "/", Ct))
        {
            // reports/{dataset}/{run}.json; the run's folder beside it holds the model section's data.
            if (item.Name.EndsWith(".json", StringComparison.Ordinal) && !item.Name[(dataset.Length + 1)..].Contains('/', StringComparison.Ordinal))
            {
                names.Add(item.Name);
            }
        }

        names.Should().NotBeEmpty($"every run writes a report under {Reports.Name}/{dataset}/");
        var content = await Reports.GetBlobClient(names.Order(StringComparer.Ordinal).Last()).DownloadContentAsync(Ct);
        return JsonNode.Parse(content.Value.Content.ToString())!;
    }

    private async Task<(int Status, JsonNode Json)> ScoreAsync()
    {
        var track = new JsonObject
        {
            ["genre"] = "pop", ["danceability"] = 0.7, ["energy"] = 0.8, ["loudness"] = -5.5, ["tempo"] = 120.0, ["speechiness"] = 0.05,
            ["acousticness"] = 0.1, ["instrumentalness"] = 0.0, ["liveness"] = 0.1, ["valence"] = 0.6,
            ["duration_ms"] = 215_000, ["key"] = 5, ["mode"] = 1, ["time_signature"] = 4, ["explicit"] = false,
        };
        var bytes = Encoding.UTF8.GetBytes(track.ToJsonString());
        var request = new DefaultHttpContext { RequestServices = Services }.Request;
        request.Method = HttpMethods.Post;
        request.ContentType = "application/json";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
        var result = await ActivatorUtilities.CreateInstance<ScoreFunction>(Services).RunAsync(request, Ct);
        var response = new DefaultHttpContext { RequestServices = Services, Response = { Body = new MemoryStream() } };
        await result.ExecuteAsync(response);
        response.Response.Body.Position = 0;
        return (response.Response.StatusCode, JsonNode.Parse(response.Response.Body)!);
    }

    /// <summary>The app's model store, except that moving the pointer "kills the process" until <see cref="Alive"/>.</summary>
    private sealed class DyingStore(IModelStore inner) : IModelStore
    {
        public bool Alive { get; set; }

        public string? WrittenWhileDead { get; private set; }

        public string Description => inner.Description;

        public Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken) => inner.GetCurrentETagAsync(cancellationToken);

        public Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken) => inner.GetCurrentAsync(cancellationToken);

        public Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken) => inner.OpenAsync(version, cancellationToken);

        public IAsyncEnumerable<StoredVersion> ListVersionsAsync(CancellationToken cancellationToken) => inner.ListVersionsAsync(cancellationToken);

        public Task<string> ReadCardAsync(string version, CancellationToken cancellationToken) => inner.ReadCardAsync(version, cancellationToken);

        public async Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
        {
            var written = await inner.PutAsync(version, modelZip, cardJson, cancellationToken);
            if (!Alive)
            {
                WrittenWhileDead = version;
            }

            return written;
        }

        public Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken) =>
            Alive ? inner.SetCurrentAsync(version, expectedETag, cancellationToken) : throw new ProcessKilledException();
    }

    private sealed class ProcessKilledException : Exception
    {
        public ProcessKilledException()
            : base("the process was killed")
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
    }
}
