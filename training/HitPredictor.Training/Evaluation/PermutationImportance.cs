using HitPredictor.Training.Calibration;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Evaluation;

/// <summary>
/// Permutation feature importance on held-out tracks: shuffle one input across tracks (genre as a whole),
/// score again, and measure the fall in accuracy and macro-F1 against the unshuffled figures.
/// </summary>
public static class PermutationImportance
{
    public static IReadOnlyList<FeatureImportance> Compute(
        MLContext ml,
        ITransformer model,
        FeatureSet features,
        IReadOnlyList<ModelInput> test,
        IReadOnlyList<Tier> actual,
        EvaluationMetrics reference,
        MemberCalibration calibration,
        int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(calibration);

        var inputs = new List<(string Name, Action<ModelInput, ModelInput> Copy)>();
        foreach (var feature in features.Numeric)
        {
            inputs.Add((feature.Name, (from, to) => feature.Set(to, feature.ValueOf(from))));
        }

        inputs.Add((TrackColumn.Genre, (from, to) => to.Genre = from.Genre));

        var results = new List<FeatureImportance>();
        foreach (var (name, copy) in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var order = Enumerable.Range(0, test.Count).ToArray();
            new Random(seed).Shuffle(order);
            var permuted = test.Select((row, i) =>
            {
                var clone = row.Clone();
                copy(test[order[i]], clone);
                return clone;
            }).ToArray();

            var metrics = CalibrationEvaluator.Evaluate(calibration, ModelScorer.Probabilities(ml, model, permuted), actual).Metrics;
            results.Add(new FeatureImportance(name, reference.Accuracy - metrics.Accuracy, reference.MacroF1 - metrics.MacroF1));
        }

        return [.. results.OrderByDescending(r => r.MacroF1Drop)];
    }
}
