using System.CommandLine;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor publish --model &lt;dir&gt; --store &lt;folder or connection string&gt;</c>: validates a trained model as
/// the service would, uploads it under its version, and points <c>models/current.json</c> at it (ETag-guarded).
/// A running service picks it up at its next check, without a restart.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var store = StoreOption.Create(required: true);
        var container = StoreOption.Container();
        var command = new Command("publish", "Upload a trained model to a model store and make it the live one.")
        {
            model, store, container,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var host = CliHost.Create(parse.GetValue(store)!, parse.GetValue(container)!);
            var target = host.Models;
            PublishOutcome outcome;
            try
            {
                outcome = await ModelPublisher.PublishAsync(target, parse.GetValue(model)!.FullName, cancellationToken);
            }
            catch (ModelValidationException ex)
            {
                throw new UsageException($"the model was not published: {ex.Message}");
            }
            catch (PointerConflictException ex)
            {
                throw new UsageException($"another publisher moved the pointer first; nothing changed here. {ex.Message}");
            }

            Report(outcome, target);
        }));
        return command;
    }

    internal static void Report(PublishOutcome outcome, IModelStore store)
    {
        if (outcome.Uploaded)
        {
            AnsiConsole.MarkupLineInterpolated($"Uploaded version [green]{outcome.Version}[/] to {store.Description}.");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"Version [green]{outcome.Version}[/] is already in {store.Description} (versions are immutable).");
        }
        if (outcome.ReplacedUnreadablePointer is { } problem)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Warning:[/] the previous current.json was unreadable ({problem}); it was replaced.");
        }

        if (outcome.PreviousVersion == outcome.Version)
        {
            AnsiConsole.MarkupLine("It was already live.");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"current.json now points at it (was {outcome.PreviousVersion ?? "nothing"}).");
        }
    }
}

/// <summary>The <c>--store</c> option of publish and serve.</summary>
internal static class StoreOption
{
    public static Option<string> Create(bool required) => new("--store")
    {
        Description = "Model store: a folder, or a storage connection string (UseDevelopmentStorage=true for Azurite).",
        Required = required,
        DefaultValueFactory = required ? null : _ => Path.Combine("artifacts", "store"),
    };

    /// <summary>The models' container when <c>--container</c> is not given (the app's default too).</summary>
    public static string DefaultContainer => new ServingOptions().ModelsContainer;

    public static Option<string> Container() => new("--container")
    {
        Description = "Container (or sub-folder) of the models.",
        DefaultValueFactory = _ => DefaultContainer,
    };
}
