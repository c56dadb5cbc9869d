using System.Globalization;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Benchmarks;

/// <summary>
/// The model the benchmarks score with: the folder given by <c>--model</c> or <see cref="FolderVariable"/> (made by
/// <c>hitpredictor train</c>), else the released settings (default <see cref="ForestSettings"/>, genre profile on)
/// trained once on the full shared dataset, or the built-in sample when that is absent, and cached under
/// <c>artifacts/bench/</c>. Loaded through <see cref="ModelLoader"/>, as the service loads a model.
/// </summary>
public static class BenchmarkModel
{
    public const string FolderVariable = "HITPREDICTOR_BENCH_MODEL";

    public const string FolderOption = "--model";

    /// <summary>
    /// Chooses the model folder in the host process, says which model it is, and puts it in
    /// <see cref="FolderVariable"/> for the benchmark processes. Returns the arguments meant for BenchmarkDotNet.
    /// </summary>
    public static string[] Prepare(string[] args, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(log);
        var rest = new List<string>();
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == FolderOption && i + 1 < args.Length)
            {
                folder = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        folder ??= Environment.GetEnvironmentVariable(FolderVariable);
        folder = string.IsNullOrEmpty(folder) ? TrainOnce(log) : Path.GetFullPath(folder);
        Environment.SetEnvironmentVariable(FolderVariable, folder);
        log.WriteLine(Describe(folder));
        return [.. rest];
    }

    /// <summary>The chosen model as a store would hand it to the service.</summary>
    public static StoredModel Stored()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            folder = TrainOnce(Console.Out);
        }

        var cardJson = File.ReadAllText(Path.Combine(folder, ModelPackage.CardFileName));
        return new StoredModel(
            ModelCardJson.Deserialize(cardJson).Version, File.ReadAllBytes(Path.Combine(folder, ModelPackage.ModelFileName)), cardJson);
    }

    /// <summary>A freshly loaded and validated package of the chosen model (its own transformer).</summary>
    public static ModelPackage Load() => ModelLoader.Load(Stored());

    /// <summary>One line naming the model: version, trees, leaves, model.zip size, held-out figures, folder.</summary>
    public static string Describe(string folder)
    {
        var card = ModelCardJson.Deserialize(File.ReadAllText(Path.Combine(folder, ModelPackage.CardFileName)));
        var megabytes = new FileInfo(Path.Combine(folder, ModelPackage.ModelFileName)).Length / 1_048_576.0;
        var settings = card.Trainer.Settings;
        return string.Create(CultureInfo.InvariantCulture,
            $"Benchmark model {card.Version}: {card.Trainer.Name} {settings.GetValueOrDefault("trees", "?")} trees x {settings.GetValueOrDefault("leaves", "?")} leaves, " +
            $"model.zip {megabytes:F1} MB, trained on {card.Dataset.Name} ({card.Split.TrainRows:N0} tracks), " +
            $"held-out accuracy {card.Metrics.Accuracy:P1}, macro-F1 {card.Metrics.MacroF1:F3} [{folder}]");
    }

    /// <summary>Trains the released settings once per dataset and keeps the result under artifacts/bench/.</summary>
    private static string TrainOnce(TextWriter log)
    {
        var data = File.Exists(RepoPaths.SharedDataset) ? RepoPaths.SharedDataset : RepoPaths.Sample;
        var options = new TrainingOptions { ArtistGroupedEvaluation = false, FeatureImportance = false };
        var loaded = TrainingData.LoadAsync(data, options.Features, options.Hygiene).GetAwaiter().GetResult();
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "bench", string.Create(CultureInfo.InvariantCulture,
            $"trained-{loaded.Dataset.Sha256[..8]}-{options.Forest.Trees}x{options.Forest.Leaves}"));
        if (File.Exists(Path.Combine(folder, ModelPackage.CardFileName)))
        {
            return folder;
        }

        log.WriteLine($"No {FolderOption} or {FolderVariable} given: training the released settings on {data} into {folder} (once).");
        var package = new HitModelTrainer(options).Train(loaded.Clean, loaded.Dataset).Package;
        package.Save(new MLContext(options.Seed), folder);
        return folder;
    }
}
