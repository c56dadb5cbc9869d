using System.CommandLine;
using HitPredictor.Cli.Output;
using HitPredictor.Reporting;
using HitPredictor.Training.Evaluation;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor report</c>: the dataset (before and after hygiene) and, with a model, its figures, as HTML and PNG; or,
/// with <c>--section</c>, the model section a retraining run stored.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "Tracks CSV to report on. Default: the built-in sample." };
        var model = new Option<DirectoryInfo?>("--model") { Description = "Model folder (model.zip + card.json) to add the model section for." };
        var section = new Option<FileInfo?>("--section")
        {
            Description = $"A retraining run's {ModelSectionInput.FileName} (beside its report): draw only that model section.",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for report.html and the PNG plots.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "report")),
        };
        var command = new Command("report", "Write an HTML report with plots of the dataset and, with --model, of the model.")
        {
            data, model, section, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(section) is { } sectionFile)
            {
                await DrawSectionAsync(sectionFile, parse.GetValue(output)!, cancellationToken);
                return;
            }

            var path = BuiltInData.Resolve(parse.GetValue(data));
            if (parse.GetValue(data) is null)
            {
                AnsiConsole.MarkupLineInterpolated($"No --data given: reporting on the built-in sample [grey]({path})[/].");
            }

            var request = new ReportRequest(path, parse.GetValue(output)!.FullName) { ModelDirectory = parse.GetValue(model)?.FullName };
            var result = await RunProgress.RunAsync(report => ReportBuilder.BuildAsync(request, new StepProgress(report), cancellationToken));
            foreach (var note in result.Notes)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]note:[/] {note}");
            }

            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{result.HtmlPath}[/] and {result.PlotPaths.Count} PNG plots.");
        }));
        return command;
    }

    private static async Task DrawSectionAsync(FileInfo file, DirectoryInfo output, CancellationToken cancellationToken)
    {
        ModelSectionInput input;
        try
        {
            input = ModelSectionInput.FromJson(await File.ReadAllBytesAsync(file.FullName, cancellationToken));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"'{file.FullName}' is {ex.Message}");
        }

        var result = await ModelSection.WriteAsync(input, output.FullName, cancellationToken: cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Wrote [green]{result.HtmlPath}[/] and {result.PlotPaths.Count} PNG plots for model {input.Card.Version}.");
    }

    /// <summary>Reports each step as it happens, on the caller's thread, so the lines come in order.</summary>
    private sealed class StepProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
