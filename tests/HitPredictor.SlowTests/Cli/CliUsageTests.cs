using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Cli;

/// <summary>Usage errors exit 2 with a short message; <c>serve</c> on a taken port and after <c>train</c> (#13 CLI bars).</summary>
public sealed class CliUsageTests(SampleModelFixture sample)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("predict", "--bogus")]
    [InlineData("predict", "--danceability", "abc")]
    [InlineData("train", "--trees", "x")]
    [InlineData("train", "--features", "nope")]
    [InlineData("retrain", "--store", "s", "--dataset", "d.csv", "--trees", "0")]
    [InlineData("serve", "--poll-seconds", "0")]
    [InlineData("serve", "--urls", "notaurl")]
    [InlineData("bogus")]
    public async Task Command_UsageError_ExitsTwoWithShortMessageWithoutTypeNames(params string[] args)
    {
        var outcome = await CliRunner.RunAsync(null, args);

        outcome.ExitCode.Should().Be(2);
        outcome.Output.Should().StartWith("error:").And.NotContain("System.").And.NotContain("Usage:");
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().BeLessThanOrEqualTo(4);
    }

    [Fact]
    public async Task Serve_PortTaken_ExitsOneWithOneShortMessage()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        // Act
        var outcome = await CliRunner.RunInAsync(folder.Path, null, "serve", "--urls", $"http://127.0.0.1:{port}");

        // Assert
        outcome.ExitCode.Should().Be(1);
        outcome.Output.Should().Contain($"127.0.0.1:{port}").And.Contain("in use").And.NotContain(" at ");
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().BeLessThanOrEqualTo(5);
    }

    [Fact]
    public async Task Serve_AfterTrainIntoArtifactsModel_ServesThatModelsVersion()
    {
        // Arrange: the trained package where `train` writes it by default, and an empty store.
        using var folder = new TempDirectory();
        var model = Path.Combine(folder.Path, "artifacts", "model");
        Directory.CreateDirectory(model);
        foreach (var file in Directory.GetFiles(sample.Directory))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        }

        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Act
        using var serve = CliRunner.Start(folder.Path, false, "serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            var health = await WaitForHealthAsync(http, serve);

            // Assert
            health["modelVersion"]!.GetValue<string>().Should().Be(sample.Package.Card.Version);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(Ct);
        }
    }

    /// <summary>Polls health until it answers 200 or the process ends (a process test: the model loads in the background).</summary>
    private static async Task<JsonObject> WaitForHealthAsync(HttpClient http, System.Diagnostics.Process serve)
    {
        while (!serve.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/api/health", Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, Ct);
        }

        throw new InvalidOperationException($"serve exited with {serve.ExitCode}: {await serve.StandardOutput.ReadToEndAsync(Ct)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
