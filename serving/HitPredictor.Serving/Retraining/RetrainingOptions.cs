using HitPredictor.Training.Modeling;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Settings of retraining on upload, section <c>Retraining</c> (app settings <c>Retraining__MinTracks</c> and so on).
/// Checked at start-up by <see cref="RetrainingOptionsValidator"/>, which reports every bad value at once.
/// </summary>
public sealed class RetrainingOptions
{
    public const string SectionName = "Retraining";

    /// <summary>Largest share of data rows the reader may reject before the whole upload is refused (0 to 1). Default 0.2.</summary>
    public double MaxRejectedShare { get; set; } = 0.2;

    /// <summary>Fewest clean tracks (after hygiene) to train on (10 to 100,000,000). Default 1,000.</summary>
    public int MinTracks { get; set; } = 1_000;

    /// <summary>Largest dataset in bytes (1 KiB to 16 GiB). Default 512 MiB.</summary>
    public long MaxDatasetBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How much lower the candidate's macro-F1 may be than the live model's and still be promoted (0 to 1). Default 0.005.</summary>
    public double MacroF1Tolerance { get; set; } = 0.005;

    /// <summary>
    /// Fewest of the candidate's held-out tracks the live model never trained on for both models to be compared on
    /// them (1 to 1,000,000); with fewer, each is judged on its own held-out split. Default 200.
    /// </summary>
    public int MinComparisonRows { get; set; } = 200;

    /// <summary>Seconds of the retraining lease (15 to 60, the blob lease limits); renewed every third of it while a run lasts. Default 60.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Seconds a run waits for another run's lease before failing so the trigger retries it (0 to 3,600). Default 600.</summary>
    public int LeaseWaitSeconds { get; set; } = 600;

    /// <summary>Trees of the random forest (1 to 2,000). Default the released setting.</summary>
    public int Trees { get; set; } = new ForestSettings().Trees;

    /// <summary>Leaves per tree (2 to 100,000). Default the released setting.</summary>
    public int Leaves { get; set; } = new ForestSettings().Leaves;

    /// <summary>Also train on an artist-grouped split for the card's stricter figure. Default on, as the CLI.</summary>
    public bool ArtistGroupedEvaluation { get; set; } = true;

    /// <summary>Compute permutation feature importance for the card. Default on, as the CLI.</summary>
    public bool FeatureImportance { get; set; } = true;

    /// <summary>Write the model section's data (card, held-out tiers and calibrated probabilities) beside each trained run's report. Default on.</summary>
    public bool ModelSection { get; set; } = true;

    /// <summary>The training options a run uses: the released ones, with the forest size and evaluation extras from here.</summary>
    public TrainingOptions ToTrainingOptions()
    {
        var forest = new ForestSettings();
        return new TrainingOptions
        {
            Forest = forest with { Trees = Trees, Leaves = Leaves },
            ArtistGroupedEvaluation = ArtistGroupedEvaluation,
            FeatureImportance = FeatureImportance,
        };
    }
}
