using System.Diagnostics;

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>The real Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package ($(BicepPath)).</summary>
public static class BicepCli
{
    private static readonly Lock ModeLock = new();

    public static string ExecutablePath { get; } = Repository.Metadata("BicepPath");

    /// <summary>
    /// Compiles every Bicep file under infra/ in one run, writing the ARM JSON to <paramref name="outputDirectory"/>
    /// with the folder structure kept. <c>--no-restore</c>: nothing may come from a registry.
    /// </summary>
    public static Task<BicepResult> BuildAllAsync(string outputDirectory, CancellationToken cancellationToken) =>
        RunAsync(["build", "--pattern", "**/*.bicep", "--outdir", outputDirectory, "--no-restore"], cancellationToken);

    /// <summary>Lints every Bicep file under infra/ in one run (default rules, plus any bicepconfig.json).</summary>
    public static Task<BicepResult> LintAllAsync(CancellationToken cancellationToken) =>
        RunAsync(["lint", "--pattern", "**/*.bicep", "--no-restore"], cancellationToken);

    /// <summary>Lints one Bicep file.</summary>
    public static Task<BicepResult> LintAsync(string bicepFile, CancellationToken cancellationToken) =>
        RunAsync(["lint", bicepFile, "--no-restore"], cancellationToken);

    public static async Task<BicepResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        EnsureExecutable();
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.InfraDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new BicepResult(process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>NuGet extraction can drop the execute bit; put it back before the first run.</summary>
    private static void EnsureExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                "The Bicep CLI is missing; restore the Azure.Bicep.CommandLine.linux-x64 package.", ExecutablePath);
        }

        lock (ModeLock)
        {
            const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(ExecutablePath);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(ExecutablePath, mode | Execute);
            }
        }
    }
}

/// <summary>Exit code and both output streams of one Bicep CLI run.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics (errors, warnings, infos) the CLI printed, one a line.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The diagnostics about one file; each line starts "path(line,column) : Level code: message".</summary>
    public IReadOnlyList<string> DiagnosticsFor(string bicepFile)
    {
        var fullPath = Path.GetFullPath(bicepFile);
        return [.. Diagnostics.Where(line => line.StartsWith(fullPath + "(", StringComparison.Ordinal))];
    }
}
