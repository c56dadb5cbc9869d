using System.Collections.Concurrent;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// The answer's <see cref="PredictionSet"/> for a set of tiers at a level, made once and shared: a set is one of the few
/// ordered subsets of four tiers, so answers hand out the same immutable object instead of a new one each.
/// </summary>
public static class PredictionSets
{
    private static readonly ConcurrentDictionary<(double Level, int Code), PredictionSet> Made = new();

    /// <summary>The set holding <paramref name="tiers"/> (in the order given) at <paramref name="level"/>.</summary>
    public static PredictionSet For(double level, IReadOnlyList<Tier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var code = 1;
        for (var i = 0; i < tiers.Count; i++)
        {
            code = (code * 8) + (int)tiers[i] + 1;
        }

        return Made.TryGetValue((level, code), out var set)
            ? set
            : Made.GetOrAdd((level, code), _ => new PredictionSet(level, [.. tiers.Select(t => t.ToString())]));
    }
}
