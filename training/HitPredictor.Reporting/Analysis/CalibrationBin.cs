namespace HitPredictor.Reporting.Analysis;

/// <summary>
/// Held-out tracks whose predicted probability for one tier fell in [<see cref="Lower"/>, <see cref="Upper"/>):
/// how many, the mean probability the model gave them, and how often they really were in that tier.
/// </summary>
internal sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double Observed);
