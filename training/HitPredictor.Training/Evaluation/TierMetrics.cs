namespace HitPredictor.Training.Evaluation;

/// <summary>How well one tier is found: of the tracks predicted in it, how many were (precision); of those in it, how many were found (recall).</summary>
public sealed record TierMetrics(double Precision, double Recall, double F1, int Support);
