namespace HitPredictor.Serving.Retraining;

/// <summary>How the rows the live model and the candidate were compared on were chosen.</summary>
public enum ComparisonMethod
{
    /// <summary>Both models measured on the candidate's held-out tracks that the live model never trained on.</summary>
    UnseenByBoth,

    /// <summary>The fallback: each model judged on its own held-out split (the live model's card, the candidate's split).</summary>
    OwnHeldOut,
}
