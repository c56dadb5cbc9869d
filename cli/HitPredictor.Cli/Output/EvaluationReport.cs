using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Cli.Output;

/// <summary>
/// What <c>evaluate --json</c> prints: the model's figures on one labelled CSV, in the same shapes as the card's
/// held-out metrics (<c>perTier</c>, <c>calibration</c>, <c>predictionSets</c>), measured through the package's
/// calibration and decision rule as every front door answers.
/// </summary>
internal sealed record EvaluationReport(
    string ModelVersion,
    string Data,
    int Rows,
    double Accuracy,
    double MacroF1,
    double LogLoss,
    IReadOnlyDictionary<string, TierMetrics> PerTier,
    CalibrationMetrics Calibration,
    PredictionSetMetrics PredictionSets,
    BaselineMetrics MajorityBaseline,
    bool TrainingDataset)
{
    public static EvaluationReport From(ModelCard card, string data, CalibratedEvaluation evaluation, BaselineMetrics baseline, bool trainingDataset)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(evaluation);
        var metrics = evaluation.Metrics;
        return new EvaluationReport(
            card.Version, data, metrics.Rows, metrics.Accuracy, metrics.MacroF1, metrics.LogLoss, metrics.PerTier,
            evaluation.Calibration, evaluation.PredictionSets, baseline, trainingDataset);
    }
}
