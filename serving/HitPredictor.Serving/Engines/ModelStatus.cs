using System.Globalization;

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

    /// <summary>
    /// Set when the live version is not the one <c>current.json</c> names because that one does not load (after a
    /// restart: the newest stored version that loads; while running: the version that was live before).
    /// </summary>
    public ModelFallback? Fallback { get; init; }

    /// <summary>
    /// Why no model is loaded, in a sentence fit for anonymous callers (no store paths, no raw exception text: those
    /// are in the log); <see langword="null"/> when one is.
    /// </summary>
    public string? NotReadyReason() =>
        ModelVersion is not null ? null
        : LastError is not null ? "No model is loaded: the last load failed; the service's log has the details."
        : Starting ? "No model is loaded yet: the first model is loading."
        : NothingPublished ? "No model is loaded: none is published yet. Publish one with `hitpredictor publish --model <dir> --store <store>`."
        : "No model is loaded yet.";

    /// <summary>
    /// For health while a model is loaded: that a later load failed (the live model kept serving), without the raw
    /// error, which is in the log; <see langword="null"/> when the last check went well.
    /// </summary>
    public string? PublicLastError => LastError is null
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"A newer model failed to load at {LastErrorAt:u}; still serving {ModelVersion}. The service's log has the details.");
}
