using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.IntegrationTests.Infrastructure;

namespace HitPredictor.IntegrationTests;

/// <summary>
/// The contract with the Functions host: the functions.metadata the Worker SDK wrote when the app was built
/// declares the HTTP triggers with the routes, methods and auth levels the rest of the project assumes.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static JsonArray Metadata
    {
        get
        {
            var path = new[] { AppContext.BaseDirectory, Repository.FunctionsOutput }
                .Select(folder => Path.Combine(folder, "functions.metadata"))
                .FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException("functions.metadata not found: build functions/HitPredictor.Functions first.");
            return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        }
    }

    private static JsonNode HostJson
    {
        get
        {
            var path = new[] { AppContext.BaseDirectory, Repository.FunctionsOutput }
                .Select(folder => Path.Combine(folder, "host.json"))
                .First(File.Exists);
            return JsonNode.Parse(File.ReadAllText(path))!;
        }
    }

    [Theory]
    [InlineData("Score", "post", "api/score", "HitPredictor.Functions.ScoreFunction.RunAsync")]
    [InlineData("Analyze", "post", "api/analyze", "HitPredictor.Functions.AnalyzeFunction.RunAsync")]
    [InlineData("Model", "get", "api/model", "HitPredictor.Functions.ModelFunction.Run")]
    [InlineData("Health", "get", "api/health", "HitPredictor.Functions.HealthFunction.Run")]
    [InlineData("Models", "get", "api/models", "HitPredictor.Functions.ModelsFunction.RunAsync")]
    [InlineData("OpenApi", "get", "api/openapi.json", "HitPredictor.Functions.OpenApiFunction.Run")]
    public void Metadata_HttpFunction_HasRouteMethodAndAnonymousAuth(string name, string method, string route, string entryPoint)
    {
        var function = Metadata.Single(f => f!["name"]!.GetValue<string>() == name)!;

        function["entryPoint"]!.GetValue<string>().Should().Be(entryPoint);
        var trigger = function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
        trigger["direction"]!.GetValue<string>().Should().Be("In");
        trigger["authLevel"]!.GetValue<string>().Should().Be("Anonymous");
        trigger["route"]!.GetValue<string>().Should().Be(route);
        trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(method);
        function["bindings"]!.AsArray().Should().Contain(b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>() == "Out");
    }

    [Fact]
    public void Metadata_AnonymousHttpFunctions_ChangeNoState()
    {
        // Scoring and analysing are POSTs but change nothing; every other anonymous trigger only reads (GET).
        var anonymous = Metadata
            .SelectMany(f => f!["bindings"]!.AsArray().Select(b => (Name: f["name"]!.GetValue<string>(), Binding: b!)))
            .Where(x => x.Binding["type"]!.GetValue<string>() == "httpTrigger" && x.Binding["authLevel"]?.GetValue<string>() == "Anonymous")
            .ToArray();

        anonymous.Select(x => x.Name).Should().Contain(["Score", "Analyze", "Model", "Health", "Models", "OpenApi"]);
        foreach (var (name, binding) in anonymous)
        {
            var methods = binding["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
            methods.Should().OnlyContain(m => m == "get" || ((name == "Score" || name == "Analyze") && m == "post"), $"{name} is anonymous");
        }
    }

    [Fact]
    public void Metadata_Retrain_IsEventGridBlobTriggerOnDatasets()
    {
        var function = Metadata.Single(f => f!["name"]!.GetValue<string>() == "Retrain")!;

        function["entryPoint"]!.GetValue<string>().Should().Be("HitPredictor.Functions.RetrainFunction.RunAsync");
        var trigger = function["bindings"]!.AsArray().Single()!;
        trigger["type"]!.GetValue<string>().Should().Be("blobTrigger");
        trigger["direction"]!.GetValue<string>().Should().Be("In");
        trigger["path"]!.GetValue<string>().Should().Be("datasets/{name}");
        trigger["source"]!.GetValue<string>().Should().Be("EventGrid", "the Flex Consumption plan supports no other blob trigger source");
        trigger["connection"]!.GetValue<string>().Should().Be("ModelStorage");
        trigger["properties"]!["supportsDeferredBinding"]!.GetValue<string>().Should().Be("True", "the BlobClient is bound, not the content");
    }

    [Fact]
    public void Metadata_ScoreCatalog_IsEventGridBlobTriggerOnScoring()
    {
        var function = Metadata.Single(f => f!["name"]!.GetValue<string>() == "ScoreCatalog")!;

        function["entryPoint"]!.GetValue<string>().Should().Be("HitPredictor.Functions.ScoreCatalogFunction.RunAsync");
        var trigger = function["bindings"]!.AsArray().Single()!;
        trigger["type"]!.GetValue<string>().Should().Be("blobTrigger");
        trigger["path"]!.GetValue<string>().Should().Be("scoring/{name}");
        trigger["source"]!.GetValue<string>().Should().Be("EventGrid");
        trigger["connection"]!.GetValue<string>().Should().Be("ModelStorage");
    }

    [Fact]
    public void Metadata_ScoreChunk_IsQueueTriggerOnTheCatalogQueue()
    {
        var function = Metadata.Single(f => f!["name"]!.GetValue<string>() == "ScoreChunk")!;

        function["entryPoint"]!.GetValue<string>().Should().Be("HitPredictor.Functions.ScoreChunkFunction.RunAsync");
        var trigger = function["bindings"]!.AsArray().Single()!;
        trigger["type"]!.GetValue<string>().Should().Be("queueTrigger");
        trigger["queueName"]!.GetValue<string>().Should().Be(HitPredictor.Serving.Catalog.CatalogNames.Queue);
        trigger["connection"]!.GetValue<string>().Should().Be("ModelStorage");
    }

    [Fact]
    public void HostJson_InOutput_QueueGivesUpAChunkOnTheDeliveryTheWorkerRecordsAsFailed()
    {
        var queues = HostJson["extensions"]!["queues"]!;

        queues["maxDequeueCount"]!.GetValue<int>().Should().Be(new HitPredictor.Serving.Catalog.CatalogOptions().MaxChunkAttempts,
            "the last delivery records the chunk as failed instead of throwing; a later one would never come");
        queues["messageEncoding"]!.GetValue<string>().Should().Be("base64", "the service sends base64 messages");
        queues["batchSize"]!.GetValue<int>().Should().BeInRange(1, 32);
    }

    [Fact]
    public void HostJson_InOutput_RunsOneRetrainingPerInstanceAndPoisonsAfterThreeTries()
    {
        var blobs = HostJson["extensions"]!["blobs"]!;

        blobs["maxDegreeOfParallelism"]!.GetValue<int>().Should().Be(1);
        blobs["poisonBlobThreshold"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void HostJson_InOutput_HasEmptyRoutePrefix()
    {
        var host = HostJson;

        host["version"]!.GetValue<string>().Should().Be("2.0");
        host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>().Should().BeEmpty("routes carry api/ themselves");
    }
}
