namespace HitPredictor.Serving.Retraining;

/// <summary>A model's figures as the gate judges them: on the rows <see cref="FairComparison"/> chose (<see cref="Rows"/> of them).</summary>
public sealed record ModelFigures(string Version, double Accuracy, double MacroF1, double LogLoss, int Rows);
