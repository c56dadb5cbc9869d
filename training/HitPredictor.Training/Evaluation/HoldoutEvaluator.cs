using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using Microsoft.ML;

namespace HitPredictor.Training.Evaluation;

/// <summary>Any trained model's figures on a set of labelled tracks (a held-out split, or a labelled CSV).</summary>
public static class HoldoutEvaluator
{
    public static EvaluationMetrics Evaluate(MLContext ml, ITransformer model, IReadOnlyList<LabelledTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var probabilities = ModelScorer.Probabilities(ml, model, tracks.Select(t => ModelInput.From(t.Track)));
        return MetricsCalculator.Compute([.. tracks.Select(t => t.Tier)], probabilities);
    }
}
