using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor models list --store S</c>: the versions a store holds, newest first, the live one marked.
/// <c>hitpredictor models rollback --store S --version V</c>: makes a stored version live again (<see cref="ModelRollback"/>).
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "The model versions in a store.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rollback());
        return command;
    }

    private static Command Rollback()
    {
        var store = StoreOption.Create(required: true);
        var container = StoreOption.Container();
        var version = new Option<string>("--version") { Description = "The stored version to make live (`models list` shows them).", Required = true };
        var command = new Command("rollback", "Make a version the store already holds live again: validated as publish validates, recorded, pointer moved on its ETag.")
        {
            store, container, version,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var host = CliHost.Create(parse.GetValue(store)!, parse.GetValue(container)!);
            var stores = host.RetrainStores;
            var wanted = parse.GetValue(version)!;
            RollbackOutcome outcome;
            try
            {
                outcome = await ModelRollback.RollBackAsync(stores.Models, stores.Reports, wanted, TimeProvider.System, cancellationToken);
            }
            catch (ModelNotFoundException ex)
            {
                throw new UsageException($"{ex.Message} Nothing changed; `hitpredictor models list` shows the versions the store holds.");
            }
            catch (ModelValidationException ex)
            {
                throw new UsageException($"version '{wanted}' was not made live: {ex.Message}");
            }
            catch (PointerConflictException ex)
            {
                throw new UsageException($"another writer moved the pointer first; nothing changed here. {ex.Message}");
            }

            Report(outcome, stores.Models);
        }));
        return command;
    }

    private static void Report(RollbackOutcome outcome, IModelStore store)
    {
        if (outcome.Record is null)
        {
            AnsiConsole.MarkupLineInterpolated($"Version [green]{outcome.Version}[/] is already live in {store.Description}; nothing changed.");
            return;
        }

        if (outcome.ReplacedUnreadablePointer is { } problem)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Warning:[/] the previous current.json was unreadable ({problem}); it was replaced.");
        }

        AnsiConsole.MarkupLineInterpolated($"Rolled back: current.json now points at [green]{outcome.Version}[/] (was {outcome.PreviousVersion ?? "nothing"}).");
        AnsiConsole.MarkupLineInterpolated($"Recorded in {outcome.Record}. A running service serves it at its next check of current.json.");
    }

    private static Command List()
    {
        var store = StoreOption.Create(required: true);
        var container = StoreOption.Container();
        var json = new Option<bool>("--json") { Description = "Print the list as JSON (the shape GET /api/models answers with)." };
        var command = new Command("list", "List the stored versions with their figures; the live one is marked.") { store, container, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var host = CliHost.Create(parse.GetValue(store)!, parse.GetValue(container)!);
            var target = host.Models;
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
