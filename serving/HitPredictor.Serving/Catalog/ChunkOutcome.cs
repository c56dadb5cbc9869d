namespace HitPredictor.Serving.Catalog;

/// <summary>What a delivery of a chunk did.</summary>
public enum ChunkOutcome
{
    /// <summary>Scored, results and summary written.</summary>
    Scored,

    /// <summary>Its summary was already there (a redelivery): nothing written again.</summary>
    AlreadyDone,

    /// <summary>Failed on its last allowed delivery: recorded as failed, so the run completes without it.</summary>
    Failed,

    /// <summary>Its run's record is gone: the message is dropped.</summary>
    NoRun,
}
