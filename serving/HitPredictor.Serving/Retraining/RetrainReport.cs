using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Hygiene;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// What one retraining run did, accepted or not, and why: written to <c>reports/{dataset}/{run}.json</c> by every
/// run, including failed ones. Filled in step by step as the run goes; null parts are steps the run never reached.
/// </summary>
public sealed class RetrainReport
{
    public required string RunId { get; init; }

    /// <summary>The dataset's name as uploaded.</summary>
    public required string Dataset { get; init; }

    /// <summary>Where the models live (no secrets).</summary>
    public required string Store { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public RetrainOutcome Outcome { get; set; } = RetrainOutcome.Failed;

    /// <summary>The decision or the failure, in words a person can act on.</summary>
    public string Reason { get; set; } = "The run did not finish.";

    /// <summary>The promotion rule the gate applied (set once a candidate was evaluated).</summary>
    public string? Rule { get; set; }

    public string? Sha256 { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>The version an earlier run trained these bytes as, when <see cref="Outcome"/> is <see cref="RetrainOutcome.AlreadyTrained"/>.</summary>
    public string? AlreadyTrainedAs { get; set; }

    public HygieneCounts? Hygiene { get; set; }

    public RejectedRowsReport? RejectedRows { get; set; }

    /// <summary>The candidate's figures on the compared rows (<see cref="Comparison"/>), or on its held-out split when nothing is live.</summary>
    public ModelFigures? Candidate { get; set; }

    /// <summary>The live model's figures on the compared rows (see <see cref="Comparison"/>); null when there was no live model.</summary>
    public ModelFigures? Live { get; set; }

    /// <summary>Which rows the two models were compared on and why; null when there was no live model to compare with.</summary>
    public ComparisonReport? Comparison { get; set; }

    /// <summary>Always answering the candidate's most common training tier, on the rows the candidate's figures are from.</summary>
    public BaselineMetrics? MajorityBaseline { get; set; }

    public string? LiveVersionBefore { get; set; }

    public string? LiveVersionAfter { get; set; }

    /// <summary>Where the candidate's model section data was written (<c>hitpredictor report --section</c> draws it as HTML and plots).</summary>
    public string? ModelSection { get; set; }

    /// <summary>When this run held the retraining lock (one run at a time).</summary>
    public DateTimeOffset? LockAcquiredAt { get; set; }

    public DateTimeOffset? LockReleasedAt { get; set; }

    /// <summary>Seconds per step, in the order the steps ran.</summary>
    public Dictionary<string, double> Timings { get; } = [];

    public MemoryReport? Memory { get; set; }

    /// <summary>The unexpected failure, if any (its message; the stack trace is logged).</summary>
    public string? Error { get; set; }

    /// <summary>Notes that change nothing in the decision (e.g. a model section that could not be drawn).</summary>
    public List<string> Notes { get; } = [];
}
