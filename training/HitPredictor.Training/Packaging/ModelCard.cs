using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Hygiene;

namespace HitPredictor.Training.Packaging;

/// <summary>
/// What a model is: where it came from, what it knows, how it was trained and how well it does on held-out
/// tracks. Saved as camelCase <c>card.json</c> beside <c>model.zip</c>; the API, the CLI and the web page show it.
/// </summary>
public sealed record ModelCard
{
    public required string Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DatasetInfo Dataset { get; init; }
    public required HygieneCounts Hygiene { get; init; }
    public required TierInfo Tiers { get; init; }

    /// <summary>Input columns the model reads, genre last.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Genres the model knows, in order.</summary>
    public required IReadOnlyList<string> Genres { get; init; }

    /// <summary>Each known genre's share of the training tracks (used to average over genres when a track has none).</summary>
    public required IReadOnlyDictionary<string, double> GenreShares { get; init; }

    public required TrainerDescription Trainer { get; init; }
    public required SplitInfo Split { get; init; }
    public required ModelMetrics Metrics { get; init; }

    /// <summary>Other trainers fitted on the same split, for comparison; empty unless asked for.</summary>
    public IReadOnlyList<TrainerComparison> Comparisons { get; init; } = [];

    /// <summary>
    /// The family of models for partial input (<see cref="Family.ModelFamily"/>), the main one first, each measured on the same
    /// held-out split; empty on cards from before the family.
    /// </summary>
    public IReadOnlyList<MemberFigures> Members { get; init; } = [];

    /// <summary>How raw probabilities become what users see; null on cards from before calibration.</summary>
    public CalibrationInfo? Calibration { get; init; }

    public required string MlNetVersion { get; init; }

    /// <summary>Wall-clock seconds to fit the released model (not counting evaluation).</summary>
    public required double TrainingSeconds { get; init; }
}

public sealed record DatasetInfo(string Name, string Sha256, long SizeBytes);

public sealed record TierInfo(TierCutoffsInfo Cutoffs, IReadOnlyDictionary<string, double> Shares, IReadOnlyDictionary<string, int> Counts);

/// <summary>Popularity at or above which a track is Viral, Hit, Mid; Flop below <see cref="Mid"/>.</summary>
public sealed record TierCutoffsInfo(int Viral, int Hit, int Mid);

/// <summary>The trainer and its settings, values written with the invariant culture.</summary>
public sealed record TrainerDescription(string Name, IReadOnlyDictionary<string, string> Settings);

public sealed record SplitInfo(string Description, double TestFraction, int Seed, int TrainRows, int TestRows);

public sealed record ModelMetrics
{
    public required double Accuracy { get; init; }
    public required double MacroF1 { get; init; }
    public required double LogLoss { get; init; }
    public required BaselineMetrics MajorityBaseline { get; init; }
    public required IReadOnlyDictionary<string, TierMetrics> PerTier { get; init; }
    public required ConfusionMatrix Confusion { get; init; }
    public required IReadOnlyList<FeatureImportance> FeatureImportance { get; init; }
    /// <summary>Null when the run skipped it (<c>--no-artist-split</c>) or no artist group fitted the test share.</summary>
    public required ArtistGroupedMetrics? ArtistGrouped { get; init; }

    /// <summary>Calibration of the released probabilities on the held-out split; null on older cards.</summary>
    public CalibrationMetrics? Calibration { get; init; }

    public PredictionSetMetrics? PredictionSets { get; init; }

    /// <summary>Every calibration method tried, measured on the held-out split; the chosen one is marked.</summary>
    public IReadOnlyList<CalibrationCandidate> CalibrationCandidates { get; init; } = [];
}

/// <summary>
/// The calibration saved in the package (part <c>calibration.json</c>), described: the method, what it learnt
/// from, the decision rule's per-tier weights and the prediction sets' level and threshold.
/// </summary>
public sealed record CalibrationInfo(
    string Method,
    string LearntOn,
    string DecisionRule,
    IReadOnlyDictionary<string, double> DecisionWeights,
    double PredictionSetLevel,
    double PredictionSetMinProbability);

/// <summary>One calibration method: its cross-validated log-loss on the held-back calibration tracks (how it was chosen) and its held-out figures.</summary>
public sealed record CalibrationCandidate(
    string Method, double CalibrationLogLoss, double LogLoss, double Accuracy, double MacroF1, double ViralRecall,
    IReadOnlyDictionary<string, TierCalibrationMetrics> PerTier, bool Chosen);

/// <summary>The stricter figure: a model with the same settings, trained and tested with no artist on both sides.</summary>
public sealed record ArtistGroupedMetrics
{
    public required string Description { get; init; }
    public required double Accuracy { get; init; }
    public required double MacroF1 { get; init; }
    public required double LogLoss { get; init; }
    public required int TrainRows { get; init; }
    public required int TestRows { get; init; }
    public required IReadOnlyDictionary<string, TierMetrics> PerTier { get; init; }
    public required BaselineMetrics MajorityBaseline { get; init; }

    /// <summary>Its probabilities through the released model's calibration (learnt on the stratified side's held-back calibration tracks).</summary>
    public CalibrationMetrics? Calibration { get; init; }

    public PredictionSetMetrics? PredictionSets { get; init; }
}

/// <summary>
/// One member of the model family: its name, what it reads (as answers name inputs), and its figures on the held-out
/// split through its own calibration: accuracy, macro-F1, log-loss, Viral recall, the AUC of P(Viral) + P(Hit) for
/// Viral or Hit against Mid or Flop, calibration and prediction sets, and the seconds its forest took to fit.
/// </summary>
public sealed record MemberFigures(
    string Name, IReadOnlyList<string> Inputs, double Accuracy, double MacroF1, double LogLoss, double ViralRecall, double ViralOrHitAuc,
    CalibrationMetrics Calibration, PredictionSetMetrics PredictionSets, double TrainingSeconds);

public sealed record TrainerComparison(string Trainer, IReadOnlyDictionary<string, string> Settings, double Accuracy, double MacroF1, double LogLoss, double ViralRecall, double TrainingSeconds);
