namespace HitPredictor.Training.Calibration;

/// <summary>How raw forest probabilities become calibrated ones. Every method's output is a distribution over the four tiers.</summary>
public enum CalibrationMethod
{
    /// <summary>The forest's own probabilities, renormalised (packages trained before calibration existed).</summary>
    None,

    /// <summary>Temperature scaling: softmax(log p / T), one parameter.</summary>
    Temperature,

    /// <summary>Vector scaling: softmax(a ⊙ log p + b), one scale and one bias per tier.</summary>
    Vector,

    /// <summary>Dirichlet calibration: softmax(W log p + b), a full 4x4 matrix (off-diagonal terms lightly penalised).</summary>
    Dirichlet,

    /// <summary>
    /// Per-tier isotonic regression of one-versus-rest outcomes on p, then renormalised; repeated on the renormalised
    /// output (<see cref="CalibratorFitter.IsotonicRounds"/> rounds), since renormalising undoes part of each tier's fit.
    /// </summary>
    Isotonic,
}
