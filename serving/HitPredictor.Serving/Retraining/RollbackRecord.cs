namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The record of one rollback (<c>reports/_rollbacks/{run}.json</c>), written before <c>current.json</c> moves: which
/// version was made live, which one it replaced, when, in which store, and whether it took effect.
/// </summary>
public sealed record RollbackRecord(string RunId, string Version, string? PreviousVersion, DateTimeOffset At, string Store, string Outcome)
{
    /// <summary>The pointer was moved (written before the move, which is the last step).</summary>
    public const string RolledBack = "rolledBack";

    /// <summary>Another writer moved the pointer first; nothing changed.</summary>
    public const string Conflict = "conflict";
}
