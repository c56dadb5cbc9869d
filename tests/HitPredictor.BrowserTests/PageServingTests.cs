using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using AwesomeAssertions;

namespace HitPredictor.BrowserTests;

/// <summary>The page's files over plain HTTP from <c>hitpredictor serve</c>: served by the app itself, revalidated, never shadowing the API.</summary>
public sealed partial class PageServingTests(ServerFixture server) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = server.BaseAddress };

    [Fact]
    public async Task Page_EveryFileItLoads_IsServedByTheAppWithItsContentType()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var html = await _client.GetStringAsync(new Uri("", UriKind.Relative), cancellationToken);
        var script = await _client.GetStringAsync(new Uri("app.js", UriKind.Relative), cancellationToken);
        string[] files = [.. Linked().Matches(html).Select(m => m.Groups["file"].Value), .. Imported().Matches(script).Select(m => m.Groups["file"].Value)];

        // Act
        var answers = new List<string>();
        foreach (var file in files.Distinct())
        {
            using var response = await _client.GetAsync(new Uri(file, UriKind.Relative), cancellationToken);
            answers.Add($"{file} {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
        }

        // Assert
        answers.Should().BeEquivalentTo(
            "favicon.svg 200 image/svg+xml", "app.css 200 text/css", "app.js 200 text/javascript", "csv.js 200 text/javascript");
        html.Should().NotMatchRegex("(src|href)=\"(https?:)?//", "the page must work offline, with nothing from another origin");
    }

    [Fact]
    public async Task Page_RequestedAgainWithItsETag_AnswersNotModified()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        using var first = await _client.GetAsync(new Uri("app.js", UriKind.Relative), cancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("app.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        // Act
        using var response = await _client.SendAsync(again, cancellationToken);

        // Assert
        first.Headers.CacheControl.Should().Be(new CacheControlHeaderValue { NoCache = true });
        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.Headers.ETag.Should().Be(first.Headers.ETag);
    }

    [Fact]
    public async Task UnknownFile_Requested_AnswersNotFoundAndLeavesTheApiAlone()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        using var missing = await _client.GetAsync(new Uri("nothing-here.js", UriKind.Relative), cancellationToken);
        using var card = await _client.GetAsync(new Uri("api/model", UriKind.Relative), cancellationToken);

        // Assert
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        card.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await card.Content.ReadAsStringAsync(cancellationToken));
        json.RootElement.GetProperty("version").GetString().Should().Be(server.ModelVersion);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("(?:src|href)=\"(?<file>[^\"#:]+)\"")]
    private static partial Regex Linked();

    [GeneratedRegex(@"from '\./(?<file>[^']+)'")]
    private static partial Regex Imported();
}
