using System.CommandLine;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor score</c>: batch-score a CSV, keeping its rows and columns in order and adding tier, probabilities
/// and an <c>error</c> column. Exit 0 when at least one row was scored (the rows that were not are counted and listed
/// on standard error), 2 when none could be, or the file or options are unusable.
/// </summary>
internal static class ScoreCommand
{
    private const int RowsListed = 20;

    public static Command Create()
    {
        var model = ModelOption.Create();
        var input = new Option<FileInfo>("--in") { Description = "Tracks CSV to score (dataset column names; popularity not needed).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the scored CSV.", Required = true };
        var command = new Command("score",
            "Score every track of a CSV; a row that cannot be scored is kept with its reason in the error column.") { model, input, output };
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
            var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            foreach (var row in result.Rejected.Take(RowsListed))
            {
                errors.MarkupLineInterpolated($"[yellow]not scored[/] {row}");
            }

            if (result.RejectedCount > 0)
            {
                errors.MarkupLineInterpolated(
                    $"[yellow]{result.RejectedCount:N0} of {result.RowsRead:N0} rows not scored[/]{(result.RejectedCount > RowsListed ? $" ({RowsListed} listed)" : "")}; each has its reason in the {CsvBatchScorer.ErrorColumn} column of {target}.");
            }

            if (result.Scored == 0)
            {
                throw new UsageException($"No row could be scored; the reasons are in the {CsvBatchScorer.ErrorColumn} column of {target}.");
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Scored {result.Scored:N0} of {result.RowsRead:N0} rows with model {package.Card.Version}. Wrote [green]{target}[/].");
        }));
        return command;
    }
}
