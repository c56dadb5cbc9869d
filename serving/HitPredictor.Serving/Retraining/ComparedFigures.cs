using HitPredictor.Training.Evaluation;

namespace HitPredictor.Serving.Retraining;

/// <summary>What <see cref="FairComparison"/> measured: both models' figures, the majority baseline on the same rows, and how the rows were chosen.</summary>
public sealed record ComparedFigures(ModelFigures Candidate, ModelFigures Live, BaselineMetrics Baseline, ComparisonReport Comparison);
