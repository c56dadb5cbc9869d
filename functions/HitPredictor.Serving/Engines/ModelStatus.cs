namespace HitPredictor.Serving.Engines;

/// <summary>What the service knows about its model, for health: what is live, and what went wrong last.</summary>
public sealed record ModelStatus
{
    /// <summary>The live version, or <see langword="null"/> when none is loaded.</summary>
    public string? ModelVersion { get; init; }

    public DateTimeOffset? LoadedAt { get; init; }

    /// <summary>True until the first check of the store has finished.</summary>
    public bool Starting { get; init; } = true;

    /// <summary>The store had no pointer at the last check.</summary>
    public bool NothingPublished { get; init; }

    /// <summary>Why the last load or check failed (the live model, if any, kept serving), or <see langword="null"/>.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public DateTimeOffset? LastCheckAt { get; init; }

    /// <summary>Why no model is loaded, in a sentence; <see langword="null"/> when one is.</summary>
    public string? NotReadyReason(string store) =>
        ModelVersion is not null ? null
        : LastError is not null ? $"No model is loaded: the last load failed: {LastError}"
        : Starting ? "No model is loaded yet: the first model is loading."
        : NothingPublished ? $"No model is loaded: none is published in {store}. Publish one with `hitpredictor publish --model <dir> --store <store>`."
        : "No model is loaded yet.";
}
