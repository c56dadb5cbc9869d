using HitPredictor.Training.Data;
using HitPredictor.Training.Modeling;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>Runs a command body and turns its failures into a message and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is UsageException or DatasetFormatException or InsufficientDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OptionsValidationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {string.Join(" ", ex.Failures)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
