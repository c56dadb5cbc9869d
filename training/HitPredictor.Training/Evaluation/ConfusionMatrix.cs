namespace HitPredictor.Training.Evaluation;

/// <summary>Counts of actual tier (rows) against predicted tier (columns), both in <see cref="Labels"/> order.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts);
