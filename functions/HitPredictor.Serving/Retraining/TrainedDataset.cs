namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The "already trained" marker of one dataset content (SHA-256), written only once a run's decision is final:
/// the version it was trained as, what the gate decided, and where the report is.
/// </summary>
public sealed record TrainedDataset(string Sha256, string DatasetName, string Version, RetrainOutcome Outcome, string Report, DateTimeOffset TrainedAt);
