using System.CommandLine;
using System.Globalization;
using HitPredictor.Serving.Retraining;
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
        var command = new Command("retrain", "Retrain on a dataset and promote the model only if it is at least as good as the live one.")
        {
            store, dataset, trees, leaves,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var settings = new Dictionary<string, string?>();
            Set(settings, nameof(RetrainingOptions.Trees), parse.GetValue(trees));
            Set(settings, nameof(RetrainingOptions.Leaves), parse.GetValue(leaves));
            using var host = CliHost.Create(parse.GetValue(store)!, StoreOption.DefaultContainer, settings);
            var stores = host.RetrainStores;
            var service = host.Get<RetrainService>();
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

    /// <summary>An option given on the command line becomes its setting; one not given leaves the setting at its default.</summary>
    private static void Set(Dictionary<string, string?> settings, string name, int? value)
    {
        if (value is { } given)
        {
            settings[$"{RetrainingOptions.SectionName}:{name}"] = given.ToString(CultureInfo.InvariantCulture);
        }
    }
}
