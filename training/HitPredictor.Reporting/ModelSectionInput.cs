using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting;

/// <summary>
/// What the model section is drawn from, as plain data: the card (confusion matrix, per-tier metrics, feature
/// importance and artist-grouped figures are shown as the card has them) and held-out tracks' actual tiers with the
/// probabilities the model gave them (for the calibration plots), one vector per track in <see cref="Tier"/> order.
/// </summary>
public sealed record ModelSectionInput(ModelCard Card, IReadOnlyList<Tier> Actual, IReadOnlyList<float[]> Probabilities)
{
    /// <summary>Said at the top of the section, e.g. that the model is evaluated on a different dataset than it was trained on.</summary>
    public string? EvaluationNote { get; init; }
}
