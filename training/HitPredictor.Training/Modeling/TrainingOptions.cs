using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Modeling;

/// <summary>Everything that decides a training run's result. The same options on the same data give the same model.</summary>
public sealed record TrainingOptions
{
    public TierCutoffs Cutoffs { get; init; } = TierCutoffs.Default;

    public HygieneOptions Hygiene { get; init; } = new();

    public FeatureSet Features { get; init; } = FeatureSet.Default;

    public ForestSettings Forest { get; init; } = new();

    /// <summary>Add each genre's training figures (<see cref="GenreProfile"/>) to its one-hot encoding. Default on.</summary>
    public bool GenreProfiles { get; init; } = true;

    /// <summary>Share of each tier held out for evaluation. Default 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the split and of the permutations. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Also train a model on an artist-grouped split and report its figures. Default on.</summary>
    public bool ArtistGroupedEvaluation { get; init; } = true;

    /// <summary>Compute permutation feature importance. Default on.</summary>
    public bool FeatureImportance { get; init; } = true;

    /// <summary>Other trainers to fit on the same split for comparison rows. Default none.</summary>
    public IReadOnlyList<ITrainerSpec> Comparisons { get; init; } = [];

    /// <summary>
    /// Share of the training side held back from the forest (stratified by tier) for the calibrator, decision rule and
    /// prediction sets to learn from: tracks the released forest never saw, scored by that very forest. Default 0.15.
    /// </summary>
    public double CalibrationFraction { get; init; } = 0.15;

    /// <summary>Coverage the prediction sets are built for. Default 0.9.</summary>
    public double PredictionSetLevel { get; init; } = 0.9;

    /// <summary>Viral recall the decision rule must reach on the calibration tracks (0 keeps plain arg-max). Default 0.31.</summary>
    public double MinViralRecall { get; init; } = 0.31;

    /// <summary>Every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Cutoffs.Validate());
        if (TestFraction is <= 0 or >= 1)
        {
            errors.Add(FormattableString.Invariant($"test fraction must be between 0 and 1, got {TestFraction}"));
        }

        if (Forest.Trees < 1 || Forest.Leaves < 2 || Forest.MinExamplesPerLeaf < 1)
        {
            errors.Add("the forest needs at least 1 tree, 2 leaves and 1 example per leaf");
        }

        if (Forest.FeatureFractionPerSplit is <= 0 or > 1 || Forest.FeatureFraction is <= 0 or > 1)
        {
            errors.Add("feature fractions must be above 0 and at most 1");
        }

        if (CalibrationFraction is <= 0 or > 0.5)
        {
            errors.Add(FormattableString.Invariant($"the calibration fraction must be above 0 and at most 0.5, got {CalibrationFraction}"));
        }

        if (PredictionSetLevel is <= 0 or >= 1)
        {
            errors.Add(FormattableString.Invariant($"the prediction-set level must be between 0 and 1, got {PredictionSetLevel}"));
        }

        if (MinViralRecall is < 0 or > 1)
        {
            errors.Add(FormattableString.Invariant($"the Viral recall floor must be between 0 and 1, got {MinViralRecall}"));
        }

        return errors;
    }
}
