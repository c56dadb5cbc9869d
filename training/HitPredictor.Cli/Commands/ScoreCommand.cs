using System.CommandLine;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary><c>hitpredictor score</c>: batch-score a CSV, keeping its columns and adding tier and probabilities.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var input = new Option<FileInfo>("--in") { Description = "Tracks CSV to score (dataset column names; popularity not needed).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the scored CSV.", Required = true };
        var command = new Command("score", "Score every track of a CSV; bad rows are reported with their line and skipped.") { model, input, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new UsageException($"--in: {source.FullName} does not exist.");
            }

            var ml = new MLContext(0);
            var package = ModelPackage.Load(ml, parse.GetValue(model)!.FullName);
            var target = parse.GetValue(output)!.FullName;
            var result = await CsvBatchScorer.ScoreAsync(ml, package, source.FullName, target, cancellationToken);
            foreach (var row in result.Rejected.Take(50))
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {row}");
            }

            if (result.RejectedCount > 50)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]... and {result.RejectedCount - 50:N0} more skipped rows.[/]");
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Scored {result.Scored:N0} of {result.RowsRead:N0} rows with model {package.Card.Version}; {result.RejectedCount:N0} skipped. Wrote [green]{target}[/].");
        }));
        return command;
    }
}
