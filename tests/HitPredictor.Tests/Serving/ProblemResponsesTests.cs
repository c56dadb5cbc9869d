using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

/// <summary>Every error of <c>hitpredictor serve</c>'s pipeline is problem details, and every response says nosniff (#12 items 8, 9).</summary>
public sealed class ProblemResponsesTests(SampleModelFixture sample) : IAsyncLifetime
{
    private ServiceHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync(sample, null, Ct);

    [Theory]
    [InlineData("/api/score/x/y")]
    [InlineData("/nope/a/b")]
    [InlineData("/api/nope")]
    [InlineData("/no-such-file.js")]
    public async Task Get_UnknownPath_Returns404Problem(string path)
    {
        using var response = await _host.Client.GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await ProblemAsync(response);
        problem["status"]!.GetValue<int>().Should().Be(404);
        problem["title"]!.GetValue<string>().Should().Be("Not found.");
    }

    [Theory]
    [InlineData("DELETE", "/api/score", "POST")]
    [InlineData("GET", "/api/score", "POST")]
    [InlineData("POST", "/api/health", "GET")]
    [InlineData("PUT", "/api/model", "GET")]
    [InlineData("POST", "/", "GET")]
    public async Task Request_WrongMethod_Returns405ProblemWithAllow(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await _host.Client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal(allow);
        var problem = await ProblemAsync(response);
        problem["status"]!.GetValue<int>().Should().Be(405);
        problem["detail"]!.GetValue<string>().Should().Contain(allow);
    }

    [Theory]
    [InlineData("GET", "/api/health", null)]
    [InlineData("GET", "/api/model", null)]
    [InlineData("GET", "/api/models", null)]
    [InlineData("GET", "/", null)]
    [InlineData("GET", "/app.js", null)]
    [InlineData("POST", "/api/score", "{\"genre\": \"<script>alert(1)</script>\"}")]
    [InlineData("POST", "/api/score", "not json")]
    [InlineData("GET", "/nope/a/b", null)]
    [InlineData("DELETE", "/api/score", null)]
    public async Task AnyResponse_SaysNosniff(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _host.Client.SendAsync(request, Ct);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
