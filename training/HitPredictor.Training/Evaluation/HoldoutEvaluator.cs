using HitPredictor.Training.Calibration;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Training.Evaluation;

/// <summary>Any trained model's figures on a set of labelled tracks (a held-out split, or a labelled CSV).</summary>
public static class HoldoutEvaluator
{
    /// <summary>A bare model's figures on its raw probabilities (arg-max tier).</summary>
    public static EvaluationMetrics Evaluate(MLContext ml, ITransformer model, IReadOnlyList<LabelledTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var probabilities = ModelScorer.Probabilities(ml, model, tracks.Select(t => ModelInput.From(t.Track)));
        return MetricsCalculator.Compute([.. tracks.Select(t => t.Tier)], probabilities);
    }

    /// <summary>A package's figures as users see its answers: through its calibration, decision rule and prediction sets.</summary>
    public static CalibratedEvaluation Evaluate(MLContext ml, ModelPackage package, IReadOnlyList<LabelledTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(tracks);
        var raw = ModelScorer.Probabilities(ml, package.Model, tracks.Select(t => ModelInput.From(t.Track)));
        return CalibrationEvaluator.Evaluate(package.Calibration, raw, [.. tracks.Select(t => t.Tier)]);
    }
}
