using HitPredictor.Training.Data;

namespace HitPredictor.Serving.Retraining;

/// <summary>Rows the reader could not use: the exact total, and the first ones with line, column and reason.</summary>
public sealed record RejectedRowsReport(int Total, IReadOnlyList<RejectedRow> First);
