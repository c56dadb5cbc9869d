using System.CommandLine;
using HitPredictor.Cli.Output;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary><c>hitpredictor train</c>: read, clean, tier, train, evaluate, and write model.zip + card.json.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "Tracks CSV to train on. Default: the built-in sample." };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for model.zip and card.json.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "model")),
        };
        var exclude = new Option<string[]>("--exclude-genre")
        {
            Description = "Genre to leave out (repeatable). Default: sleep.",
            AllowMultipleArgumentsPerToken = true,
        };
        var cutoffs = new Option<string>("--cutoffs") { Description = "Popularity cut-offs Viral,Hit,Mid.", DefaultValueFactory = _ => "70,50,30" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the forest.", DefaultValueFactory = _ => 42 };
        var trees = new Option<int?>("--trees") { Description = "Number of trees (default 100)." };
        var leaves = new Option<int?>("--leaves") { Description = "Leaves per tree (default 700)." };
        var minLeaf = new Option<int?>("--min-examples-per-leaf") { Description = "Fewest tracks a leaf may hold (default 2)." };
        var splitFraction = new Option<double?>("--split-feature-fraction") { Description = "Share of features tried at each split (default 0.5)." };
        var features = new Option<string>("--features")
        {
            Description = "Feature set: extended (the default: audio features + explicit), audio (the fields of a Spotify audio-features object) or continuous (audio without key, mode, time_signature).",
            DefaultValueFactory = _ => "extended",
        };
        features.AcceptOnlyFromAmong("audio", "extended", "continuous");
        var compare = new Option<bool>("--compare") { Description = "Also fit LightGBM on the same split as a comparison row." };
        var noProfiles = new Option<bool>("--no-genre-profile") { Description = "Encode genre as one-hot only, without its learnt popularity profile." };
        var noGrouped = new Option<bool>("--no-artist-split") { Description = "Skip the artist-grouped evaluation (faster)." };

        var command = new Command("train", "Train the hit model and write model.zip + card.json.")
        {
            data, output, exclude, cutoffs, seed, trees, leaves, minLeaf, splitFraction, features, compare, noProfiles, noGrouped,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            if (!TierCutoffs.TryParse(parse.GetValue(cutoffs)!, out var tierCutoffs, out var error))
            {
                throw new UsageException($"--cutoffs: {error}");
            }

            var forest = new ForestSettings { Seed = parse.GetValue(seed) };
            forest = forest with
            {
                Trees = parse.GetValue(trees) ?? forest.Trees,
                Leaves = parse.GetValue(leaves) ?? forest.Leaves,
                MinExamplesPerLeaf = parse.GetValue(minLeaf) ?? forest.MinExamplesPerLeaf,
                FeatureFractionPerSplit = parse.GetValue(splitFraction) ?? forest.FeatureFractionPerSplit,
            };
            var excluded = parse.GetValue(exclude) is { Length: > 0 } genres ? genres : new HygieneOptions().ExcludedGenres;
            var options = new TrainingOptions
            {
                Cutoffs = tierCutoffs,
                Hygiene = new HygieneOptions { ExcludedGenres = [.. excluded] },
                Features = parse.GetValue(features) switch
                {
                    "continuous" => FeatureSet.Continuous,
                    "audio" => FeatureSet.AudioFeatures,
                    _ => FeatureSet.Extended,
                },
                Forest = forest,
                Seed = parse.GetValue(seed),
                ArtistGroupedEvaluation = !parse.GetValue(noGrouped),
                GenreProfiles = !parse.GetValue(noProfiles),
                Comparisons = parse.GetValue(compare) ? [new LightGbmSettings { Seed = parse.GetValue(seed) }] : [],
            };
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join("; ", problems));
            }

            var path = BuiltInData.Resolve(parse.GetValue(data));
            if (parse.GetValue(data) is null)
            {
                AnsiConsole.MarkupLineInterpolated($"No --data given: training on the built-in sample [grey]({path})[/].");
            }

            var result = await RunProgress.RunAsync(async report =>
            {
                report("Reading and cleaning " + Path.GetFileName(path));
                var loaded = await TrainingData.LoadAsync(path, options.Features, options.Hygiene, cancellationToken);
                var trained = new HitModelTrainer(options).Train(
                    loaded.Clean, loaded.Dataset, new Progress<TrainingStage>(stage => report(StageText(stage))), cancellationToken);
                return (loaded, trained);
            });

            var outDir = parse.GetValue(output)!.FullName;
            result.trained.Package.Save(new MLContext(options.Seed), outDir);
            ModelSummary.Write(result.trained.Package.Card, result.loaded.Read);
            AnsiConsole.MarkupLineInterpolated($"Wrote [green]{Path.Combine(outDir, "model.zip")}[/] and card.json (version {result.trained.Package.Card.Version}).");
        }));
        return command;
    }

    private static string StageText(TrainingStage stage) => stage switch
    {
        TrainingStage.Splitting => "Splitting 80/20, stratified by tier",
        TrainingStage.Training => "Training the random forest",
        TrainingStage.Calibrating => "Learning the calibration on the held-back training tracks",
        TrainingStage.Evaluating => "Evaluating on the held-out tracks",
        TrainingStage.Family => "Training the family's models for partial input (no genre, the six audio-measurable features)",
        TrainingStage.FeatureImportance => "Measuring feature importance (permutation)",
        TrainingStage.ArtistGroupedEvaluation => "Training and evaluating on an artist-grouped split",
        TrainingStage.Comparing => "Fitting the comparison trainer",
        _ => "Done",
    };
}
