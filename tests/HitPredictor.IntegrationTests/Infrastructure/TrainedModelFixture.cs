using HitPredictor.IntegrationTests.Infrastructure;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

[assembly: AssemblyFixture(typeof(TrainedModelFixture))]

namespace HitPredictor.IntegrationTests.Infrastructure;

/// <summary>A real model trained once on the built-in sample with a small forest; published under any version name.</summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public static TrainingOptions Options { get; } = new()
    {
        Forest = new ForestSettings { Trees = 10, Leaves = 50 },
        ArtistGroupedEvaluation = false,
        FeatureImportance = false,
    };

    public byte[] ModelZip { get; private set; } = [];

    public ModelCard Card { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var data = await TrainingData.LoadAsync(Repository.Sample, FeatureSet.Default, new HygieneOptions());
        var package = new HitModelTrainer(Options).Train(data.Clean, data.Dataset).Package;
        using var stream = new MemoryStream();
        package.SaveModel(new MLContext(Options.Seed), stream);
        ModelZip = stream.ToArray();
        Card = package.Card;
    }

    public string CardJson(string version) => ModelCardJson.Serialize(Card with { Version = version });

    /// <summary>Publishes the model as <paramref name="version"/> the way <c>hitpredictor publish</c> does.</summary>
    public Task<PublishOutcome> PublishAsync(IModelStore store, string version) =>
        ModelPublisher.PublishAsync(store, ModelZip, CardJson(version), CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
