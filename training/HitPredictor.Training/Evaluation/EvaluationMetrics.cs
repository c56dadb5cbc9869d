namespace HitPredictor.Training.Evaluation;

/// <summary>A model's figures on held-out tracks.</summary>
public sealed record EvaluationMetrics
{
    public required double Accuracy { get; init; }
    public required double MacroF1 { get; init; }

    /// <summary>Mean negative log of the probability given to the true tier (natural log).</summary>
    public required double LogLoss { get; init; }

    public required int Rows { get; init; }

    /// <summary>Keyed by tier name, best tier first.</summary>
    public required IReadOnlyDictionary<string, TierMetrics> PerTier { get; init; }

    public required ConfusionMatrix Confusion { get; init; }
}
