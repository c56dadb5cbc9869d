using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using AwesomeAssertions;

namespace HitPredictor.BrowserTests;

/// <summary>
/// The client examples of docs/clients.md (Python requests, JavaScript fetch, C# HttpClient) run against the
/// served API: each scores one track and a batch and reports the API's 400 problem by field. The docs show
/// the very files that run here.
/// </summary>
public sealed partial class ClientSampleTests(ServerFixture server)
{
    /// <summary>Debian's Python (<c>apt-get install -y python3-requests</c> brings the library).</summary>
    private const string Python = "/usr/bin/python3";

    private static string RepositoryRoot => typeof(ClientSampleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static TheoryData<string> Clients => ["python", "javascript", "csharp"];

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ClientExample_AgainstTheServer_ScoresOneAndABatchAndReportsTheBadField(string client)
    {
        // Arrange
        var (program, arguments) = client switch
        {
            "python" => (Python, new[] { Path.Combine(RepositoryRoot, "samples", "clients", "score.py") }),
            "javascript" => ("node", new[] { Path.Combine(RepositoryRoot, "samples", "clients", "score.mjs") }),
            _ => ("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "HitPredictor.ClientSample.dll") }),
        };

        // Act
        var (exitCode, output) = await RunAsync(program, [.. arguments, server.BaseAddress.ToString()]);

        // Assert
        exitCode.Should().Be(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(5, output);
        lines[0].Should().MatchRegex(ScoreLine("one track: "));
        lines[1].Should().Be($"batch: 2 tracks scored by model {server.ModelVersion}");
        lines[2].Should().MatchRegex(ScoreLine("1. "));
        lines[3].Should().MatchRegex(ScoreLine("2. "));
        lines[4].Should().StartWith("rejected (400): tempo: ").And.Contain("-4");
    }

    [Theory]
    [InlineData("score.py", "python")]
    [InlineData("score.mjs", "javascript")]
    [InlineData("../HitPredictor.ClientSample/Program.cs", "csharp")]
    public void ClientsDoc_ShowsEachExampleExactlyAsItRuns(string file, string language)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "clients.md"));
        var code = File.ReadAllText(Path.Combine(RepositoryRoot, "samples", "clients", file));

        docs.Should().Contain($"```{language}\n{code}```", "docs/clients.md must show the example that the tests run");
    }

    private static string ScoreLine(string prefix) =>
        "^" + Regex.Escape(prefix) + @"(Viral|Hit|Mid|Flop) \((Viral|Hit|Mid|Flop) [01]\.\d\d(, (Viral|Hit|Mid|Flop) [01]\.\d\d){3}\)$";

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
