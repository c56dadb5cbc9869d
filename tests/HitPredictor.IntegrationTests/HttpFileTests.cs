using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using HitPredictor.IntegrationTests.Infrastructure;

namespace HitPredictor.IntegrationTests;

/// <summary>The .http file beside the Functions app names every function the built app declares, so it never falls behind.</summary>
public sealed partial class HttpFileTests
{
    private static string HttpFile => File.ReadAllText(Path.Combine(Repository.Root, "functions", "HitPredictor.Functions", "HitPredictor.http"));

    private static IEnumerable<JsonNode> Functions =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.FunctionsOutput, "functions.metadata")))!.AsArray().Select(f => f!);

    [Fact]
    public void HttpFile_EveryHttpFunction_HasARequestForItsRouteAndMethod()
    {
        var requests = RequestLine().Matches(HttpFile).Select(m => (Method: m.Groups["method"].Value.ToUpperInvariant(), Path: m.Groups["path"].Value)).ToArray();
        var routes = Functions
            .SelectMany(f => f["bindings"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "httpTrigger"))
            .SelectMany(b => b!["methods"]!.AsArray().Select(m => (Method: m!.GetValue<string>().ToUpperInvariant(), Route: b["route"]!.GetValue<string>())))
            .ToArray();

        routes.Should().NotBeEmpty();
        foreach (var (method, route) in routes)
        {
            var path = "/" + route.Replace("{file?}", "", StringComparison.Ordinal);
            requests.Should().Contain(r => r.Method == method && (r.Path == path || r.Path.StartsWith(path + "?", StringComparison.Ordinal)),
                $"{method} {path} is a route of the app");
        }
    }

    [Fact]
    public void HttpFile_EveryEventGridBlobTrigger_HasAReplayedBlobCreatedEvent()
    {
        var blobFunctions = Functions
            .Where(f => f["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == "blobTrigger"))
            .Select(f => f["name"]!.GetValue<string>())
            .ToArray();

        blobFunctions.Should().NotBeEmpty();
        foreach (var name in blobFunctions)
        {
            HttpFile.Should().Contain($"/runtime/webhooks/blobs?functionName=Host.Functions.{name}");
        }

        HttpFile.Should().Contain("aeg-event-type: Notification").And.Contain("Microsoft.Storage.BlobCreated");
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|DELETE|OPTIONS) \{\{host\}\}(?<path>\S*)", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
