using System.Text.Json;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HitPredictor.Tests.Catalog;

/// <summary>Catalog scoring over a folder store (folder-backed queue) built by the app's registration, with the sample model published as <c>v1</c>.</summary>
internal sealed class CatalogHarness : IAsyncDisposable
{
    public const int ChunkRows = 100;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly TempDirectory _temp = new();
    private readonly ServiceProvider _services;
    private readonly SampleModelFixture _sample;

    private CatalogHarness(SampleModelFixture sample)
    {
        _sample = sample;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serving:StoreFolder"] = _temp.Path,
            ["Catalog:ChunkRows"] = ChunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddHitPredictorCatalog(configuration).BuildServiceProvider();
    }

    public CatalogService Catalog => _services.GetRequiredService<CatalogService>();

    public IChunkQueueClient Queue => _services.GetRequiredService<IChunkQueueClient>();

    public ChunkWorker Worker => _services.GetRequiredService<ChunkWorker>();

    public ICatalogFiles Files => _services.GetRequiredService<ICatalogFiles>();

    public string Root => _temp.Path;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CatalogHarness> StartAsync(SampleModelFixture sample)
    {
        var harness = new CatalogHarness(sample);
        await harness.PublishAsync("v1");
        return harness;
    }

    public Task PublishAsync(string version)
    {
        using var zip = new MemoryStream();
        _sample.Package.SaveModel(_sample.Ml, zip);
        return ModelPublisher.PublishAsync(
            _services.GetRequiredService<IModelStore>(), zip.ToArray(), ModelCardJson.Serialize(_sample.Package.Card with { Version = version }), Ct);
    }

    public string Write(string name, string content) => _temp.Write(name, content);

    public Task<CatalogStart> UploadAsync(string path) => Catalog.ScoreUploadAsync(DatasetSource.FromFile(path), Ct);

    /// <summary>Delivers every queued message as the queue trigger would (the last chunk's delivery merges), until the queue is empty.</summary>
    public async Task DrainAsync()
    {
        while (await Queue.ReceiveAsync(Ct) is { } delivery)
        {
            await Catalog.ScoreChunkAsync(delivery.Message, delivery.DequeueCount, Ct);
            await Queue.CompleteAsync(delivery, Ct);
        }
    }

    public async Task<CatalogReport> ReportAsync(string name)
    {
        await using var stream = await Files.OpenReadAsync(CatalogNames.Scored, CatalogNames.ReportOf(name), Ct);
        return (await JsonSerializer.DeserializeAsync<CatalogReport>(stream, JsonOptions, Ct))!;
    }

    public string OutputPath(string name) => Path.Combine(Root, CatalogNames.Scored, name);

    public static string Rows(int count, Func<int, string>? row = null) =>
        Csv.File([.. Enumerable.Range(0, count).Select(i => row?.Invoke(i) ?? Csv.Row(i))]);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _temp.Dispose();
    }
}
