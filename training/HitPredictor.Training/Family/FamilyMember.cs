using HitPredictor.Training.Calibration;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;

namespace HitPredictor.Training.Family;

/// <summary>
/// A loaded member of the family: what it reads, its own calibration (learnt on the held-back tracks it did not train
/// on) and its forest, evaluated directly (thread-safe). Immutable.
/// </summary>
public sealed class FamilyMember
{
    internal FamilyMember(FamilyMemberSpec spec, MemberCalibration calibration, ForestEvaluator? evaluator)
    {
        Spec = spec;
        Calibration = calibration;
        Evaluator = evaluator;
        Knowable = [.. ModelFamily.Knowable.Where(f => spec.Numeric.Numeric.Contains(f))];
    }

    public FamilyMemberSpec Spec { get; }

    public string Name => Spec.Name;

    public bool UsesGenre => Spec.Genre;

    public MemberCalibration Calibration { get; }

    /// <summary>
    /// The forest read into arrays; null for a main model this evaluator cannot read (another trainer) or of a package
    /// without a family: it then answers complete tracks only, through its prediction engine.
    /// </summary>
    public ForestEvaluator? Evaluator { get; }

    /// <summary>The features it reads that a track may leave out (every numeric input but <c>explicit</c>, which defaults to false).</summary>
    public IReadOnlyList<NumericFeature> Knowable { get; }

    public override string ToString() => Name;
}

/// <summary>
/// The member answering a track, the features it reads that the track left out (<see cref="Gaps"/>, integrated out),
/// and every input the track did not give (<see cref="Missing"/>, as the answer lists them).
/// </summary>
public sealed record MemberChoice(FamilyMember Member, IReadOnlyList<NumericFeature> Gaps, IReadOnlyList<string> Missing);
