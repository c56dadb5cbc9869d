using System.CommandLine;
using HitPredictor.Training.Data;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor sample</c>: draws the built-in sample from the full dataset, the same rows every time:
/// a fixed number of rows per genre, chosen by a seeded shuffle, written verbatim in file order.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "The full tracks CSV.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the sample CSV.", Required = true };
        var perGenre = new Option<int>("--per-genre") { Description = "Rows drawn from each genre.", DefaultValueFactory = _ => 65 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draw.", DefaultValueFactory = _ => 42 };
        var command = new Command("sample", "Draw a reproducible per-genre sample of a tracks CSV (how training/data was made).")
        {
            data, output, perGenre, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetValue(data)!;
            var target = parse.GetValue(output)!;
            var lines = await DatasetSampler.SampleAsync(
                source.FullName, target.FullName, parse.GetValue(perGenre), parse.GetValue(seed), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Wrote {lines:N0} rows to [green]{target.FullName}[/] ({target.Length:N0} bytes).");
        }));
        return command;
    }
}
