using System.Text.Json.Nodes;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Tests.Retraining;

/// <summary>A fresh folder store per test, and the retraining service over it with a small, fast forest.</summary>
internal sealed class RetrainHarness : IDisposable
{
    private readonly TempDirectory _folder = new();

    public RetrainHarness()
    {
        Models = ModelStoreFactory.ForFolder(Path.Combine(_folder.Path, "store"));
        Stores = RetrainStoreFactory.ForFolder(Path.Combine(_folder.Path, "store"), Models, new ServingOptions(), TimeProvider.System);
    }

    public IModelStore Models { get; }

    public RetrainStores Stores { get; }

    public RetrainingOptions Options { get; } = new()
    {
        Trees = 10,
        Leaves = 50,
        ArtistGroupedEvaluation = false,
        FeatureImportance = false,
        ModelSection = false,
        LeaseWaitSeconds = 120,
    };

    public string Write(string name, byte[] content)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>One run over this harness's stores (or <paramref name="models"/>), with this process's serving <paramref name="pool"/> when given.</summary>
    public Task<RetrainReport> RunAsync(string path, IModelStore? models = null, EnginePool? pool = null, ILogger<RetrainService>? logger = null) =>
        new RetrainService(Stores with { Models = models ?? Models }, Options, TimeProvider.System, logger ?? NullLogger<RetrainService>.Instance, pool)
            .RunAsync(DatasetSource.FromFile(path), TestContext.Current.CancellationToken);

    /// <summary>Publishes the shared sample model as the live one, as <c>hitpredictor publish</c> does.</summary>
    public Task<PublishOutcome> PublishLiveAsync(SampleModelFixture model) =>
        ModelPublisher.PublishAsync(Models, model.Directory, TestContext.Current.CancellationToken);

    /// <summary>Publishes a package as the live one, as <c>hitpredictor publish</c> does with its folder.</summary>
    public Task<PublishOutcome> PublishLiveAsync(ModelPackage package)
    {
        using var zip = new MemoryStream();
        package.SaveModel(new MLContext(0), zip);
        return ModelPublisher.PublishAsync(Models, zip.ToArray(), ModelCardJson.Serialize(package.Card), TestContext.Current.CancellationToken);
    }

    /// <summary>The live model as retraining loads it.</summary>
    public async Task<ModelPackage> LoadAsync(string version) =>
        ModelLoader.Load(await Models.OpenAsync(version, TestContext.Current.CancellationToken));

    /// <summary>The candidate's held-out split of a dataset, as a run with these options splits it.</summary>
    public async Task<IReadOnlyList<LabelledTrack>> HeldOutAsync(string path)
    {
        var training = Options.ToTrainingOptions();
        var data = await TrainingData.LoadAsync(path, training.Features, training.Hygiene, TestContext.Current.CancellationToken);
        var labelled = data.Clean.Tracks.Select(t => new LabelledTrack(t, training.Cutoffs.Classify(t.Popularity!.Value))).ToArray();
        return DataSplitter.Stratified(labelled, training.TestFraction, training.Seed).Test;
    }

    /// <summary>The report of a run as written to the store.</summary>
    public JsonNode StoredReport(RetrainReport report) =>
        JsonNode.Parse(File.ReadAllText(Stores.Reports.Locate(report.Dataset, report.RunId)))!;

    public Task<TrainedDataset?> MarkerAsync(string sha256) => Stores.Datasets.FindAsync(sha256, TestContext.Current.CancellationToken);

    /// <summary>The store's <c>current.json</c> on disk.</summary>
    public string PointerPath => Path.Combine(_folder.Path, "store", "models", ModelPointer.FileName);

    public string[] Versions() =>
        [.. Directory.GetDirectories(Path.Combine(_folder.Path, "store", "models"))
            .Select(Path.GetFileName).OfType<string>().Where(n => n != "datasets").Order(StringComparer.Ordinal)];

    public void Dispose() => _folder.Dispose();
}
