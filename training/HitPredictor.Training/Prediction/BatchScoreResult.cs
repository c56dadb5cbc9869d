using HitPredictor.Training.Data;

namespace HitPredictor.Training.Prediction;

/// <summary>What a batch scoring run did: rows read, scored, and rejected (with line and reason).</summary>
public sealed record BatchScoreResult(int RowsRead, int Scored, int RejectedCount, IReadOnlyList<RejectedRow> Rejected);
