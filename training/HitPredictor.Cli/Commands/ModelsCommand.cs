using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary><c>hitpredictor models list --store S</c>: the versions a store holds, newest first, the live one marked.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "The model versions in a store.");
        command.Subcommands.Add(List());
        return command;
    }

    private static Command List()
    {
        var store = StoreOption.Create(required: true);
        var container = StoreOption.Container();
        var json = new Option<bool>("--json") { Description = "Print the list as JSON (the shape GET /api/models answers with)." };
        var command = new Command("list", "List the stored versions with their figures; the live one is marked.") { store, container, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var target = ModelStoreFactory.FromArgument(parse.GetValue(store)!, parse.GetValue(container)!);
            var list = await ModelVersions.ListAsync(target, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(list, ServingResult.JsonOptions));
                return;
            }

            Print(list, target);
        }));
        return command;
    }

    private static void Print(ModelVersionList list, IModelStore store)
    {
        if (list.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No model versions in {store.Description}.");
            return;
        }

        var table = new Table().AddColumns("", "version", "published", "dataset", "accuracy", "macro-F1", "log-loss");
        foreach (var version in list.Versions)
        {
            table.AddRow(
                version.Live ? "[green]live[/]" : "",
                Markup.Escape(version.Version),
                version.PublishedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Markup.Escape(version.Dataset ?? version.Problem ?? ""),
                Figure(version.Accuracy),
                Figure(version.MacroF1),
                Figure(version.LogLoss));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{list.Count} versions in {store.Description}; live: {list.Live ?? "none"}.");
    }

    private static string Figure(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";
}
