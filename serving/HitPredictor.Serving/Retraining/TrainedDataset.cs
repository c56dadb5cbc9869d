namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The "already trained" marker of one dataset content (SHA-256), written once a run's decision is made:
/// the version it was trained as, what the gate decided, and where the report is. A promotion writes it before
/// moving the pointer, with <see cref="ReplacedVersion"/>; a conflict rewrites it as <see cref="RetrainOutcome.Conflict"/>,
/// which does not count as trained.
/// </summary>
public sealed record TrainedDataset(string Sha256, string DatasetName, string Version, RetrainOutcome Outcome, string Report, DateTimeOffset TrainedAt)
{
    /// <summary>For a promotion: the version that was live when it was decided (null when none was).</summary>
    public string? ReplacedVersion { get; init; }
}
