using System.CommandLine;
using HitPredictor.Serving;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor serve</c>: the Functions app's endpoints and handlers on plain Kestrel, over a folder store
/// (or a blob store by connection string). With no model in the store, it first trains one on the built-in
/// sample and publishes it.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = StoreOption.Create(required: false);
        var container = StoreOption.Container();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (loopback by default).",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var pollSeconds = new Option<int>("--poll-seconds")
        {
            Description = "Seconds between checks of the store for a newly published model.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("serve", "Serve /api/score, /api/model and /api/health locally, as the Functions app does.")
        {
            store, container, urls, pollSeconds,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var storeArgument = parse.GetValue(store)!;
            var modelsContainer = parse.GetValue(container)!;
            var target = ModelStoreFactory.FromArgument(storeArgument, modelsContainer);
            if (await target.GetCurrentETagAsync(cancellationToken) is null)
            {
                await SeedAsync(target, cancellationToken);
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            var isBlob = ModelStoreFactory.LooksLikeConnectionString(storeArgument);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)}"] = isBlob ? null : Path.GetFullPath(storeArgument),
                [ModelStoreFactory.ConnectionName] = isBlob ? storeArgument : null,
                [$"{ServingOptions.SectionName}:{nameof(ServingOptions.ModelsContainer)}"] = modelsContainer,
                [$"{ServingOptions.SectionName}:{nameof(ServingOptions.PollSeconds)}"] = parse.GetValue(pollSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            builder.AddHitPredictorLogDefaults();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.Services.AddHitPredictorServing(builder.Configuration);

            await using var app = builder.Build();
            app.UseHitPredictorServing();
            AnsiConsole.MarkupLineInterpolated($"Serving models from {target.Description}");
            AnsiConsole.MarkupLineInterpolated($"  the web page: {parse.GetValue(urls)}/");
            AnsiConsole.MarkupLineInterpolated($"  POST {parse.GetValue(urls)}/{Routes.Score}   GET /{Routes.Model}   GET /{Routes.Health}   (Ctrl+C stops)");
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
        }));
        return command;
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
        var outcome = await ModelPublisher.PublishAsync(
            store, model.ToArray(), Training.Packaging.ModelCardJson.Serialize(package.Card), cancellationToken);
        PublishCommand.Report(outcome, store);
    }
}
