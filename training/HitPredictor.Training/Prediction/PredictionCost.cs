using HitPredictor.Training.Family;
using HitPredictor.Training.Features;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// What scoring a track costs, in forest evaluations (<see cref="ModelFamily.CostOf"/>): one for a track its answering
/// member reads whole, genre or not; the integration rows (at most <see cref="IntegrationSample.DefaultCount"/>) for one
/// with gaps; one per known genre for a genre-less track of a package trained before the family. The one rule for
/// budgets and for the scorer.
/// </summary>
public static class PredictionCost
{
    /// <summary>Whether <paramref name="input"/> costs more than one evaluation under <paramref name="family"/>.</summary>
    public static bool IsExpensive(ModelInput input, ModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return family.CostOf(input) > 1;
    }

    /// <summary>
    /// Evaluations scoring every one of <paramref name="inputs"/> costs under <paramref name="family"/>, plus
    /// <paramref name="perExplanation"/> for each track explained (complete ones, when explanations are asked for).
    /// </summary>
    public static long Of(IReadOnlyList<ModelInput> inputs, ModelFamily family, int perExplanation = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(family);
        var cost = 0L;
        for (var i = 0; i < inputs.Count; i++)
        {
            cost += family.CostOf(inputs[i]) + (IsExplained(inputs[i]) ? (long)perExplanation : 0L);
        }

        return cost;
    }

    /// <summary>Whether an explanation is given for <paramref name="input"/>: it is complete (genre and every feature).</summary>
    public static bool IsExplained(ModelInput input) => ModelFamily.IsComplete(input);
}
