using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace HitPredictor.Training.Modeling;

/// <summary>ML.NET LightGBM (gradient-boosted trees, softmax): a comparison row, not the default.</summary>
public sealed record LightGbmSettings : ITrainerSpec
{
    public int Iterations { get; init; } = 300;

    public int Leaves { get; init; } = 63;

    public double LearningRate { get; init; } = 0.05;

    public int Seed { get; init; } = 42;

    public string Name => "LightGbm";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["iterations"] = Invariant(Iterations),
        ["leaves"] = Invariant(Leaves),
        ["learningRate"] = Invariant(LearningRate),
        ["seed"] = Invariant(Seed),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    public IEstimator<ITransformer> CreateEstimator(MLContext ml, string featuresColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            FeatureColumnName = featuresColumn,
            NumberOfIterations = Iterations,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            Seed = Seed,
            Silent = true,
            NumberOfThreads = Environment.ProcessorCount,
        });
    }
}
