using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

[assembly: AssemblyFixture(typeof(HitPredictor.Tests.Support.SampleModelFixture))]

namespace HitPredictor.Tests.Support;

/// <summary>One small model trained on the built-in sample, shared by the tests that only read it.</summary>
public sealed class SampleModelFixture : IAsyncLifetime
{
    /// <summary>Small enough to train in seconds, large enough to learn something.</summary>
    public static TrainingOptions Options { get; } = new()
    {
        Forest = new ForestSettings { Trees = 20, Leaves = 64, MinExamplesPerLeaf = 5 },
    };

    public TrainingData Data { get; private set; } = null!;

    public TrainingResult Result { get; private set; } = null!;

    public ModelPackage Package => Result.Package;

    public MLContext Ml { get; } = new(0);

    /// <summary>The package saved to a folder, as the CLI and the store read it.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hitpredictor-tests", "sample-model-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Data = await TrainingData.LoadAsync(TestPaths.Sample, FeatureSet.Default, new HygieneOptions());
        Result = new HitModelTrainer(Options).Train(Data.Clean, Data.Dataset);
        Package.Save(Ml, Directory);
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
