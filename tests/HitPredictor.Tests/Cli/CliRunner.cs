using System.Diagnostics;

namespace HitPredictor.Tests.Cli;

/// <summary>Runs the real <c>hitpredictor</c> binary (built beside the tests) as a child process.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output);

    public static async Task<Outcome> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hitpredictor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Outcome(process.ExitCode, await output + await error);
    }
}
