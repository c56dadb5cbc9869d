namespace HitPredictor.Serving.Retraining;

/// <summary>How a retraining run ended.</summary>
public enum RetrainOutcome
{
    /// <summary>The candidate passed the gate and <c>current.json</c> now points at it.</summary>
    Promoted,

    /// <summary>The candidate was trained and evaluated but did not pass the gate; the live model stays.</summary>
    KeptLive,

    /// <summary>The same bytes (SHA-256) were trained before; nothing was done.</summary>
    AlreadyTrained,

    /// <summary>The upload cannot be trained on (not CSV, empty, columns missing, too many bad rows, too large...).</summary>
    Rejected,

    /// <summary>Another writer moved <c>current.json</c> between the comparison and the promotion; nothing was promoted.</summary>
    Conflict,

    /// <summary>Something unexpected failed (storage, a crash); the live model stays and the run is retried by the trigger.</summary>
    Failed,
}
