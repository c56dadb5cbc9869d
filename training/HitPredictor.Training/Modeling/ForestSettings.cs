using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace HitPredictor.Training.Modeling;

/// <summary>
/// ML.NET FastForest (a random forest) for four tiers by one-versus-all, with Platt-calibrated probabilities
/// normalised to sum to one. The defaults are the released settings, tuned on the held-out split.
/// </summary>
public sealed record ForestSettings : ITrainerSpec
{
    public int Trees { get; init; } = 100;

    public int Leaves { get; init; } = 700;

    public int MinExamplesPerLeaf { get; init; } = 2;

    /// <summary>Share of features each tree may use. Below 1 it drops whole features (genre too) from a tree.</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Share of features tried at each split: the forest's decorrelation.</summary>
    public double FeatureFractionPerSplit { get; init; } = 0.5;

    public bool CategoricalSplit { get; init; } = true;

    /// <summary>FastForest's own seed; it, not MLContext's, fixes the forest.</summary>
    public int Seed { get; init; } = 42;

    public string Name => "FastForest";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["strategy"] = "one-versus-all, Platt-calibrated, normalised",
        ["trees"] = Invariant(Trees),
        ["leaves"] = Invariant(Leaves),
        ["minExamplesPerLeaf"] = Invariant(MinExamplesPerLeaf),
        ["featureFraction"] = Invariant(FeatureFraction),
        ["featureFractionPerSplit"] = Invariant(FeatureFractionPerSplit),
        ["categoricalSplit"] = CategoricalSplit ? "true" : "false",
        ["seed"] = Invariant(Seed),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    public IEstimator<ITransformer> CreateEstimator(MLContext ml, string featuresColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var binary = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            FeatureColumnName = featuresColumn,
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinExamplesPerLeaf,
            FeatureFraction = FeatureFraction,
            FeatureFractionPerSplit = FeatureFractionPerSplit,
            CategoricalSplit = CategoricalSplit,
            Seed = Seed,
        });
        return ml.MulticlassClassification.Trainers.OneVersusAll(binary, useProbabilities: true);
    }
}
