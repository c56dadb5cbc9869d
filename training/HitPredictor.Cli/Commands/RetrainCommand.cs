using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HitPredictor.Serving;
using HitPredictor.Serving.Retraining;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor retrain --store &lt;folder or connection string&gt; --dataset &lt;csv&gt;</c>: what the Retrain function does
/// for an upload (train, compare with the live model, promote only if at least as good, report), run from a shell.
/// Exit 0 when promoted, kept live or already trained; 2 when the upload was rejected as bad input; 1 otherwise.
/// </summary>
internal static class RetrainCommand
{
    public static Command Create()
    {
        var store = StoreOption.Create(required: true);
        var dataset = new Option<FileInfo>("--dataset") { Description = "Tracks CSV to retrain on.", Required = true };
        var trees = new Option<int?>("--trees") { Description = "Number of trees (default: the released 100)." };
        var leaves = new Option<int?>("--leaves") { Description = "Leaves per tree (default: the released 700)." };
        trees.Validators.Add(result => RequireRange(result, 1, 2_000));
        leaves.Validators.Add(result => RequireRange(result, 2, 100_000));
        var command = new Command("retrain", "Retrain on a dataset and promote the model only if it is at least as good as the live one.")
        {
            store, dataset, trees, leaves,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var options = new RetrainingOptions();
            options.Trees = parse.GetValue(trees) ?? options.Trees;
            options.Leaves = parse.GetValue(leaves) ?? options.Leaves;
            var stores = RetrainStoreFactory.FromArgument(parse.GetValue(store)!, new ServingOptions(), options, TimeProvider.System);
            var service = new RetrainService(stores, options, TimeProvider.System, NullLogger<RetrainService>.Instance);
            var path = parse.GetValue(dataset)!.FullName;

            var report = await service.RunAsync(DatasetSource.FromFile(path), cancellationToken);

            AnsiConsole.MarkupLineInterpolated($"[bold]{report.Outcome}[/]: {report.Reason}");
            if (report.Candidate is { } candidate)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"candidate {candidate.Version}: macro-F1 {candidate.MacroF1:0.0000}, accuracy {candidate.Accuracy:0.0000} on {candidate.Rows} held-out tracks");
            }

            if (report.Live is { } live)
            {
                AnsiConsole.MarkupLineInterpolated($"live {live.Version}: macro-F1 {live.MacroF1:0.0000}, accuracy {live.Accuracy:0.0000} on {live.Rows} held-out tracks");
            }

            if (report.Comparison is { } comparison)
            {
                AnsiConsole.MarkupLineInterpolated($"compared ({comparison.Method}): {comparison.Description}");
            }

            AnsiConsole.MarkupLineInterpolated($"Report: [green]{stores.Reports.Locate(report.Dataset, report.RunId)}[/]");
            switch (report.Outcome)
            {
                case RetrainOutcome.Rejected:
                    throw new UsageException("the upload was rejected as bad input (see the report).");
                case RetrainOutcome.Conflict:
                    throw new InvalidOperationException("another writer moved current.json meanwhile; nothing was promoted.");
            }
        }));
        return command;
    }

    /// <summary>A usage error (exit 2) for a value outside the range the retraining settings accept.</summary>
    private static void RequireRange(OptionResult result, int min, int max)
    {
        if (result.GetValueOrDefault<int?>() is { } value && (value < min || value > max))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.Option.Name} must be {min:N0} to {max:N0}, got {value}."));
        }
    }
}
