namespace HitPredictor.Serving.Retraining;

/// <summary>A model's figures on the candidate's held-out tracks: the rows both the candidate and the live model are judged on.</summary>
public sealed record ModelFigures(string Version, double Accuracy, double MacroF1, double LogLoss, int Rows);
