using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Training.Evaluation;

/// <summary>Scores many tracks at once through a trained model's <see cref="ITransformer"/>.</summary>
public static class ModelScorer
{
    /// <summary>Probabilities per track, in <see cref="Tiers.Tier"/> order, in input order.</summary>
    public static float[][] Probabilities(MLContext ml, ITransformer model, IEnumerable<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(inputs));
        return [.. ml.Data.CreateEnumerable<ModelOutput>(scored, reuseRowObject: false).Select(o => o.Probabilities)];
    }

    /// <summary>
    /// The probabilities a package answers with (its forest's, through its calibration, as every door applies it), per
    /// track in <see cref="Tiers.Tier"/> order, in input order.
    /// </summary>
    public static float[][] CalibratedProbabilities(MLContext ml, ModelPackage package, IEnumerable<ModelInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(package);
        var calibrator = package.Calibration.Calibrator;
        return [.. Probabilities(ml, package.Model, inputs).Select(raw => calibrator.Calibrate(raw).Select(p => (float)p).ToArray())];
    }
}
