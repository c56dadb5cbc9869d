namespace HitPredictor.Serving.Engines;

public enum RefreshResult
{
    /// <summary>The pointer has not moved (or names the version that failed last time): nothing loaded.</summary>
    Unchanged,

    /// <summary>A new version is live.</summary>
    Swapped,

    /// <summary>The pointed version does not load and nothing was live: the newest stored version that loads is live instead.</summary>
    FellBack,

    /// <summary>The store has no pointer.</summary>
    NothingPublished,

    /// <summary>The check or the load failed; the last good model, if any, keeps serving.</summary>
    Failed,
}

/// <summary>What one check of the store did.</summary>
public sealed record RefreshOutcome(RefreshResult Result, string? ModelVersion, string? Error = null)
{
    public static RefreshOutcome Unchanged(string? version) => new(RefreshResult.Unchanged, version);

    public static RefreshOutcome Swapped(string version) => new(RefreshResult.Swapped, version);

    public static RefreshOutcome FellBack(string version, string reason) => new(RefreshResult.FellBack, version, reason);

    public static RefreshOutcome NothingPublished() => new(RefreshResult.NothingPublished, null);

    public static RefreshOutcome Failed(string? liveVersion, string error) => new(RefreshResult.Failed, liveVersion, error);
}
