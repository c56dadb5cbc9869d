using System.Text;
using System.Text.Json;
using AwesomeAssertions;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HitPredictor.Functions;
using HitPredictor.IntegrationTests.Infrastructure;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HitPredictor.IntegrationTests.Catalog;

/// <summary>
/// Catalog scoring on a real Azurite (blobs and queue) through the app's own service graph: an upload to <c>scoring/</c>
/// handed to the ScoreCatalog function as the Event Grid-sourced trigger would, the queue's messages handed to ScoreChunk
/// with their dequeue counts as the queue trigger would, and the merged <c>scored/{name}</c> read back. The containers and
/// the queue are the app's fixed ones, so the tests of this class run one after another and use uploads no other test uses.
/// </summary>
public sealed class CatalogFunctionTests(AzuriteFixture azurite, TrainedModelFixture model) : IAsyncLifetime
{
    private const int ChunkRows = 100;
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private IHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BlobServiceClient Service => new(azurite.ConnectionString);

    private QueueClient Queue => new(azurite.ConnectionString, CatalogNames.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private IModelStore Store => ModelStoreFactory.ForContainer(Service.GetBlobContainerClient($"m{_id}"));

    private IServiceProvider Services => _host!.Services;

    public async ValueTask InitializeAsync()
    {
        await Service.GetBlobContainerClient(CatalogNames.Scoring).CreateIfNotExistsAsync(cancellationToken: Ct);
        await Queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await Queue.ClearMessagesAsync(Ct);
        await model.PublishAsync(Store, "v1");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelStorage"] = azurite.ConnectionString,
            ["Serving:ModelsContainer"] = $"m{_id}",
            ["Catalog:ChunkRows"] = ChunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        AppServices.Configure(builder.Services, builder.Configuration);
        _host = builder.Build();
    }

    [Fact]
    public async Task Upload_350Rows_ChunksScoredByTheQueueFunctionAndMergedInInputOrder()
    {
        // Arrange
        var rows = Rows(350);

        // Act
        await UploadAsync("catalog.csv", rows);
        var deliveries = await DrainAsync();

        // Assert
        deliveries.Should().Be(4);
        var output = await ReadLinesAsync("catalog.csv");
        output.Should().HaveCount(351);
        output.Skip(1).Select(l => l.Split(',')[1]).Should().Equal(rows.Skip(1).Select(l => l.Split(',')[1]));
        output[0].Should().EndWith("error");
        var report = await ReportAsync("catalog.csv");
        report.Should().BeEquivalentTo(new { Outcome = CatalogOutcome.Scored, Rows = 350, Chunks = 4, ModelVersion = "v1", Retries = 0L, Output = "scored/catalog.csv" });
    }

    [Fact]
    public async Task Redelivery_SameChunkTwice_NoRowDuplicated()
    {
        // Arrange
        await UploadAsync("redelivered.csv", Rows(250));
        var first = (await Queue.ReceiveMessageAsync(cancellationToken: Ct)).Value;

        // Act: delivered, then delivered again as if its deletion had been lost
        await ChunkFunction.RunAsync(first.Body.ToString(), 1, Ct);
        await ChunkFunction.RunAsync(first.Body.ToString(), 2, Ct);
        await Queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, Ct);
        await DrainAsync();

        // Assert
        (await ReadLinesAsync("redelivered.csv")).Should().HaveCount(251);
        (await ReportAsync("redelivered.csv")).Rows.Should().Be(250);
    }

    [Fact]
    public async Task PoisonedChunk_ThrowsUntilItsLastDelivery_ThenReportedAndTheRestMerged()
    {
        // Arrange
        await UploadAsync("poisoned.csv", Rows(250));
        var runId = JsonDocument.Parse((await Queue.PeekMessageAsync(Ct)).Value.Body.ToString()).RootElement.GetProperty("runId").GetString()!;
        await Service.GetBlobContainerClient(CatalogNames.Runs).GetBlobClient(CatalogPaths.Chunk(runId, 0))
            .UploadAsync(BinaryData.FromBytes([0, 1, 2]), overwrite: true, Ct);
        var poisoned = new ChunkMessage(runId, 0, 2).ToJson();
        var attempts = new CatalogOptions().MaxChunkAttempts;

        // Act
        for (var attempt = 1; attempt < attempts; attempt++)
        {
            var delivery = () => ChunkFunction.RunAsync(poisoned, attempt, Ct);
            await delivery.Should().ThrowAsync<Exception>();
        }

        await ChunkFunction.RunAsync(poisoned, attempts, Ct);
        await DrainAsync();

        // Assert
        var report = await ReportAsync("poisoned.csv");
        report.Outcome.Should().Be(CatalogOutcome.Partial);
        report.FailedChunks.Single().Should().BeEquivalentTo(new { Index = 0, FirstLine = 2, Rows = 100 });
        (await ReadLinesAsync("poisoned.csv")).Should().HaveCount(151);
    }

    [Fact]
    public async Task ModelPublishedMidRun_RunKeepsItsPinnedVersion()
    {
        await UploadAsync("pinned.csv", Rows(250));

        await model.PublishAsync(Store, "v2");
        await DrainAsync();

        (await Store.GetCurrentAsync(Ct))!.Version.Should().Be("v2");
        (await ReportAsync("pinned.csv")).ModelVersion.Should().Be("v1");
    }

    [Theory]
    [InlineData("empty", "", "The file is empty")]
    [InlineData("binary", "\0\u0001PK\u0003\u0004\u0000binary", "not text CSV")]
    [InlineData("header", "HEADER", "The file has a header but no tracks.")]
    public async Task UnscoreableUpload_ClearReportAndNoOutput(string kind, string content, string reason)
    {
        var name = $"{kind}-{_id}.csv";
        var text = content == "HEADER" ? Header + "\n" : content;

        await UploadAsync(name, [text]);

        var report = await ReportAsync(name);
        report.Outcome.Should().Be(CatalogOutcome.Rejected);
        report.Reason.Should().Contain(reason);
        (await Service.GetBlobContainerClient(CatalogNames.Scored).GetBlobClient(name).ExistsAsync(Ct)).Value.Should().BeFalse();
        (await Queue.PeekMessageAsync(Ct)).Value.Should().BeNull();
    }

    [Fact]
    public async Task IdenticalUpload_AnsweredFromTheEarlierRun()
    {
        // Arrange
        var rows = Rows(150);
        await UploadAsync("original.csv", rows);
        await DrainAsync();

        // Act
        await UploadAsync("copy.csv", rows);

        // Assert
        (await Queue.PeekMessageAsync(Ct)).Value.Should().BeNull("nothing is scored again");
        var report = await ReportAsync("copy.csv");
        report.Should().BeEquivalentTo(new { Outcome = CatalogOutcome.AlreadyScored, AnsweredFrom = "original.csv", Output = "scored/copy.csv", Rows = 150 });
        (await ReadLinesAsync("copy.csv")).Should().Equal(await ReadLinesAsync("original.csv"));
    }

    [Fact]
    public async Task Upload_NotCsvName_IgnoredWithoutRun()
    {
        var name = $"notes-{_id}.txt";

        await UploadAsync(name, Rows(150));

        (await Queue.PeekMessageAsync(Ct)).Value.Should().BeNull("only .csv uploads are split into chunks");
        (await Service.GetBlobContainerClient(CatalogNames.Scored).GetBlobClient(CatalogNames.ReportOf(name)).ExistsAsync(Ct)).Value.Should().BeFalse("no run started, so nothing was reported");
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.ClearMessagesAsync(CancellationToken.None);
        _host?.Dispose();
    }

    private ScoreChunkFunction ChunkFunction => ActivatorUtilities.CreateInstance<ScoreChunkFunction>(Services);

    private static string Header => File.ReadLines(Repository.Sample).First();

    /// <summary>Rows of the sample with a column made unique to this test, so no other test uploads the same bytes.</summary>
    private string[] Rows(int count) =>
        [Header, .. File.ReadLines(Repository.Sample).Skip(1).Take(count).Select((line, i) => ReplaceTrackId(line, $"{_id}-{i}"))];

    private static string ReplaceTrackId(string line, string id)
    {
        var fields = line.Split(',', 3);
        return $"{fields[0]},{id},{fields[2]}";
    }

    /// <summary>What the Functions host does for a blob event: ScoreCatalog, from the app's DI, with the blob's client and name.</summary>
    private async Task<BlobClient> UploadAsync(string name, IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        var blob = Service.GetBlobContainerClient(CatalogNames.Scoring).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n")), overwrite: true, Ct);
        await ActivatorUtilities.CreateInstance<ScoreCatalogFunction>(Services).RunAsync(blob, name, Ct);
        return blob;
    }

    /// <summary>What the queue trigger does: each message to ScoreChunk with its dequeue count, deleted when the function returns.</summary>
    private async Task<int> DrainAsync()
    {
        var deliveries = 0;
        while ((await Queue.ReceiveMessageAsync(cancellationToken: Ct)).Value is { } message)
        {
            await ChunkFunction.RunAsync(message.Body.ToString(), message.DequeueCount, Ct);
            await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            deliveries++;
        }

        return deliveries;
    }

    private async Task<CatalogReport> ReportAsync(string name)
    {
        var content = await Service.GetBlobContainerClient(CatalogNames.Scored).GetBlobClient(CatalogNames.ReportOf(name)).DownloadContentAsync(Ct);
        return JsonSerializer.Deserialize<CatalogReport>(content.Value.Content.ToString(), JsonSerializerOptions.Web)!;
    }

    private async Task<string[]> ReadLinesAsync(string name)
    {
        var content = await Service.GetBlobContainerClient(CatalogNames.Scored).GetBlobClient(name).DownloadContentAsync(Ct);
        return content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
