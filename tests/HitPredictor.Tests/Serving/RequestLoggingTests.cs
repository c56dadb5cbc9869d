using System.Net;
using System.Text;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

/// <summary>Per-request logs are opt-in: a loaded server's log stays small at the default settings (#12 item 4).</summary>
public sealed class RequestLoggingTests(SampleModelFixture sample)
{
    private const int Requests = 2_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Score_2000RequestsAtDefaultSettings_LogUnder100KBWithoutRequestEvents()
    {
        // Arrange
        await using var host = await ServiceHost.StartAsync(sample, null, Ct);
        var before = RenderedBytes(host.Logs);

        // Act
        await ScoreAsync(host, Requests);

        // Assert
        var written = RenderedBytes(host.Logs) - before;
        TestContext.Current.SendDiagnosticMessage($"{Requests:N0} scoring requests at default settings logged {written:N0} bytes");
        written.Should().BeLessThan(100 * 1024);
        host.Logs.Records.Should().NotContain(r => r.Category.StartsWith(ServingLogging.RequestCategory, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Serving:RequestLogging", "true")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore", "Information")]
    public async Task Score_RequestLoggingSwitchedOn_LogsEveryRequest(string setting, string value)
    {
        // Arrange
        await using var host = await ServiceHost.StartAsync(sample, new Dictionary<string, string?> { [setting] = value }, Ct);
        host.Logs.Clear();

        // Act
        await ScoreAsync(host, 10);

        // Assert
        var finished = await host.Logs.CountWhenSettledAsync(
            r => r.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && r.Message.StartsWith("Request finished", StringComparison.Ordinal), 10, Ct);
        finished.Should().Be(10);
    }

    private static async Task ScoreAsync(ServiceHost host, int count)
    {
        var body = ServingTestData.Track().ToJsonString();
        for (var i = 0; i < count; i++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await host.Client.PostAsync("/" + Routes.Score, content, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static long RenderedBytes(LogRecorder logs) => logs.Records.Sum(r => (long)Encoding.UTF8.GetByteCount(r.Rendered));
}
