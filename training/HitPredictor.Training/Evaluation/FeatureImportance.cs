namespace HitPredictor.Training.Evaluation;

/// <summary>
/// How much held-out accuracy and macro-F1 fall when one input is shuffled across tracks (permutation
/// importance). Genre counts as one feature, however many one-hot columns it becomes.
/// </summary>
public sealed record FeatureImportance(string Feature, double AccuracyDrop, double MacroF1Drop);
