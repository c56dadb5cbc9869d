using System.Diagnostics;

namespace HitPredictor.Tests.Cli;

/// <summary>Runs the real <c>hitpredictor</c> binary (built beside the tests) as a child process.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output);

    public static Task<Outcome> RunAsync(string? stdin, params string[] args) => RunInAsync(null, stdin, args);

    /// <summary>Runs it with <paramref name="workingDirectory"/> as the current folder (null: this process's).</summary>
    public static async Task<Outcome> RunInAsync(string? workingDirectory, string? stdin, params string[] args)
    {
        using var process = Start(workingDirectory, stdin is not null, args);
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

    /// <summary>Starts it and leaves it running (<c>serve</c>); the caller kills it.</summary>
    public static Process Start(string? workingDirectory, bool redirectInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hitpredictor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        return Process.Start(start)!;
    }
}
