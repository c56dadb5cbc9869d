using HitPredictor.Training.Data;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// What a catalog run did, written beside its output (<c>scored/{name}.report.json</c>): rows, rejected rows with line and
/// reason, the pinned model version, chunks, retries, time and rows per second; or why there is no output.
/// </summary>
public sealed record CatalogReport
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="CatalogOutcome"/>.</summary>
    public required string Outcome { get; init; }

    public required string Reason { get; init; }

    public string? RunId { get; init; }

    public string? Sha256 { get; init; }

    public string? ModelVersion { get; init; }

    /// <summary>The scored CSV, <c>{container}/{name}</c>; <see langword="null"/> when there is none.</summary>
    public string? Output { get; init; }

    /// <summary>For an upload identical to an earlier one: the name the earlier run scored.</summary>
    public string? AnsweredFrom { get; init; }

    public int Rows { get; init; }

    public int Scored { get; init; }

    public int Rejected { get; init; }

    /// <summary>The first rejected rows (at most <see cref="CatalogOptions.MaxRejectedDetails"/>), in input order; every one is also flagged in the output's error column.</summary>
    public IReadOnlyList<RejectedRow> RejectedRows { get; init; } = [];

    public int Chunks { get; init; }

    /// <summary>Chunks that kept failing: their rows are not in the output.</summary>
    public IReadOnlyList<FailedChunk> FailedChunks { get; init; } = [];

    /// <summary>Deliveries beyond the first that it took to score the chunks.</summary>
    public long Retries { get; init; }

    /// <summary>From the run's start to its merged output.</summary>
    public double Seconds { get; init; }

    public double RowsPerSecond { get; init; }

    public double MergeSeconds { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>A chunk given up after its last delivery: where its rows are in the input, and why.</summary>
public sealed record FailedChunk(int Index, int FirstLine, int Rows, long Attempts, string Reason);

/// <summary>The outcomes a <see cref="CatalogReport"/> names.</summary>
public static class CatalogOutcome
{
    /// <summary>Every chunk scored; the output holds every input row.</summary>
    public const string Scored = "scored";

    /// <summary>Some chunk kept failing: the output holds every other row; the report lists the failed chunks.</summary>
    public const string Partial = "partial";

    /// <summary>The upload is not a scoreable CSV (empty, binary, header only, required columns missing) or no model is live: no output.</summary>
    public const string Rejected = "rejected";

    /// <summary>The same bytes were scored before: answered from that run.</summary>
    public const string AlreadyScored = "alreadyScored";

    /// <summary>The same bytes are being scored under another name.</summary>
    public const string InProgress = "inProgress";
}
