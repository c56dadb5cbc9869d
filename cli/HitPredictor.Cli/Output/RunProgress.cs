using System.Diagnostics;
using Spectre.Console;

namespace HitPredictor.Cli.Output;

/// <summary>Shows what a long run is doing: a live status line on a terminal, timestamped lines otherwise.</summary>
internal static class RunProgress
{
    public static async Task<T> RunAsync<T>(Func<Action<string>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(step => AnsiConsole.MarkupLineInterpolated($"[grey][[{clock.Elapsed:mm\\:ss}]][/] {step}"));
        }

        return await AnsiConsole.Status().StartAsync("Starting", async context =>
            await work(step =>
            {
                AnsiConsole.MarkupLineInterpolated($"[grey][[{clock.Elapsed:mm\\:ss}]][/] {step}");
                context.Status(step);
            }));
    }
}
