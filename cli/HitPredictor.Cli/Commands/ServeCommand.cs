using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HitPredictor.Serving;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor serve</c>: the Functions app's endpoints and handlers on plain Kestrel, over a folder store
/// (or a blob store by connection string). A model trained into <c>--model</c> (default <c>artifacts/model</c>) that
/// the store does not hold yet is published first, so <c>train</c> then <c>serve</c> serves what was just trained;
/// with neither, it trains one on the built-in sample and publishes it. A port in use is one line and exit 1; bad options exit 2.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = StoreOption.Create(required: false);
        var container = StoreOption.Container();
        var model = ModelOption.Create();
        model.Description = "Folder of a trained model to publish to the store first when the store does not hold its version yet.";
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (loopback by default; several separated by ';').",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        urls.Validators.Add(ValidateUrls);
        var pollSeconds = new Option<int>("--poll-seconds")
        {
            Description = "Seconds between checks of the store for a newly published model (1 to 3,600).",
            DefaultValueFactory = _ => 5,
        };
        pollSeconds.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > 3_600)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--poll-seconds must be 1 to 3,600, got {value}."));
            }
        });
        var command = new Command("serve", "Serve /api/score, /api/model and /api/health locally, as the Functions app does.")
        {
            store, container, model, urls, pollSeconds,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var storeArgument = parse.GetValue(store)!;
            var modelsContainer = parse.GetValue(container)!;
            var listen = parse.GetValue(urls)!;
            Ports.EnsureFree(listen);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.Configuration.AddInMemoryCollection(StoreLocation.Settings(storeArgument, modelsContainer));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{ServingOptions.SectionName}:{nameof(ServingOptions.PollSeconds)}"] = parse.GetValue(pollSeconds).ToString(CultureInfo.InvariantCulture),
            });
            builder.AddHitPredictorLogDefaults();
            builder.WebHost.UseUrls(listen);
            builder.Services.AddHitPredictorServing(builder.Configuration);

            await using var app = builder.Build();
            var target = app.Services.GetRequiredService<IModelStore>();
            await PrepareStoreAsync(target, parse.GetValue(model)!, parse.GetResult(model) is { Implicit: false }, cancellationToken);
            app.UseHitPredictorServing();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                // Another process took the port between the check and the bind: stop what started, then say so.
                await app.StopAsync(CancellationToken.None);
                throw new InvalidOperationException(Ports.InUseMessage(listen));
            }

            var live = await target.GetCurrentAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Serving version {live?.Version ?? "(none yet)"} from {target.Description}");
            AnsiConsole.MarkupLineInterpolated($"  the web page: {listen}/");
            AnsiConsole.MarkupLineInterpolated($"  POST /{Routes.Score}   GET /{Routes.Model}   GET /{Routes.Models}   GET /{Routes.Health}   GET /{Routes.OpenApi}   (Ctrl+C stops)");
            await app.WaitForShutdownAsync(cancellationToken);
        }));
        return command;
    }

    /// <summary>
    /// Publishes the trained model folder when the store does not hold its version yet (a model trained since the
    /// last serve); a version already there is left to the store's pointer (it may have been rolled back on purpose).
    /// With no model folder and an empty store, trains one on the built-in sample.
    /// </summary>
    private static async Task PrepareStoreAsync(IModelStore store, DirectoryInfo modelFolder, bool explicitModel, CancellationToken cancellationToken)
    {
        var cardPath = Path.Combine(modelFolder.FullName, ModelPackage.CardFileName);
        if (File.Exists(cardPath) && File.Exists(Path.Combine(modelFolder.FullName, ModelPackage.ModelFileName)))
        {
            var version = ModelCardJson.Deserialize(await File.ReadAllTextAsync(cardPath, cancellationToken)).Version;
            if (!await HoldsAsync(store, version, cancellationToken))
            {
                AnsiConsole.MarkupLineInterpolated($"Publishing {modelFolder.FullName} (version {version}) to {store.Description}.");
                PublishCommand.Report(await ModelPublisher.PublishAsync(store, modelFolder.FullName, cancellationToken), store);
            }

            return;
        }

        if (explicitModel)
        {
            throw new UsageException($"'{modelFolder.FullName}' is not a model folder: it needs {ModelPackage.ModelFileName} and {ModelPackage.CardFileName} (train one with `hitpredictor train`).");
        }

        if (await store.GetCurrentETagAsync(cancellationToken) is null)
        {
            await SeedAsync(store, cancellationToken);
        }
    }

    private static async Task<bool> HoldsAsync(IModelStore store, string version, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadCardAsync(version, cancellationToken);
            return true;
        }
        catch (ModelNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A fresh clone has no model: train one on the built-in sample and publish it, and say so.</summary>
    private static async Task SeedAsync(IModelStore store, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"No model in {store.Description}: training one on the built-in sample first [grey]({BuiltInData.SamplePath})[/].");
        var options = new TrainingOptions { ArtistGroupedEvaluation = false };
        var data = await TrainingData.LoadAsync(BuiltInData.SamplePath, FeatureSet.Default, options.Hygiene, cancellationToken);
        var package = new HitModelTrainer(options).Train(data.Clean, data.Dataset, cancellationToken: cancellationToken).Package;
        using var model = new MemoryStream();
        package.SaveModel(new MLContext(options.Seed), model);
        var outcome = await ModelPublisher.PublishAsync(store, model.ToArray(), ModelCardJson.Serialize(package.Card), cancellationToken);
        PublishCommand.Report(outcome, store);
    }

    private static void ValidateUrls(OptionResult result)
    {
        foreach (var url in Ports.Split(result.GetValueOrDefault<string>() ?? ""))
        {
            if (!Ports.TryParse(url, out _))
            {
                result.AddError($"--urls: '{url}' is not an address like http://127.0.0.1:5000.");
            }
        }
    }
}
