using System.Globalization;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Which rows the live model and the candidate were compared on, and why: part of every report that had a live model
/// to compare with. <see cref="LiveShift"/> is the live model's macro-F1 on the compared rows minus its own held-out
/// macro-F1 (from its card): near zero when the compared rows are as new to it as its own held-out split was.
/// </summary>
public sealed record ComparisonReport
{
    public required ComparisonMethod Method { get; init; }

    /// <summary>Rows both models were measured on; for <see cref="ComparisonMethod.OwnHeldOut"/>, the candidate's held-out rows.</summary>
    public required int RowsCompared { get; init; }

    public required int CandidateHeldOutRows { get; init; }

    /// <summary>How many of the candidate's held-out rows the live model trained on; null when its package does not say.</summary>
    public required int? SeenByLive { get; init; }

    /// <summary>One sentence: how the rows were chosen, and the live model's figure there against its own.</summary>
    public required string Description { get; init; }

    /// <summary>The live model's macro-F1 on its own held-out split, from its card.</summary>
    public double? LiveOwnHeldOutMacroF1 { get; init; }

    /// <summary>The live model's macro-F1 on the compared rows minus <see cref="LiveOwnHeldOutMacroF1"/>; null when not measured on them.</summary>
    public double? LiveShift { get; init; }

    /// <summary>The rows in a few words, for the gate's reason ("on 1,234 held-out tracks neither model trained on").</summary>
    public string Basis() => Method == ComparisonMethod.UnseenByBoth
        ? string.Create(CultureInfo.InvariantCulture, $"on {RowsCompared:N0} held-out tracks neither model trained on")
        : "each on its own held-out split";
}
