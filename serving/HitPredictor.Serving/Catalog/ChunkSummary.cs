using HitPredictor.Training.Data;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// What scoring a chunk did (<see cref="CatalogPaths.Done"/>), written after its results: rows, scored, rejected (the
/// first ones with their input line and reason), the delivery that did it, and the failure when the chunk kept failing.
/// </summary>
public sealed record ChunkSummary
{
    public required int Index { get; init; }

    public required int FirstLine { get; init; }

    public required int Rows { get; init; }

    public required int Scored { get; init; }

    public required int Rejected { get; init; }

    public required IReadOnlyList<RejectedRow> RejectedRows { get; init; }

    /// <summary>The delivery (1 the first) that wrote this summary.</summary>
    public required long Attempt { get; init; }

    public required double Seconds { get; init; }

    /// <summary>Why the chunk was given up after its last delivery; <see langword="null"/> when it was scored.</summary>
    public string? Failure { get; init; }
}
