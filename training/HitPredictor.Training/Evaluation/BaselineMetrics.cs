namespace HitPredictor.Training.Evaluation;

/// <summary>
/// The majority-class baseline: always answer the most common training tier (accuracy, macro-F1), and
/// always answer the training tier shares as probabilities (log-loss).
/// </summary>
public sealed record BaselineMetrics(string Tier, double Accuracy, double MacroF1, double LogLoss);
