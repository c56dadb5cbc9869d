using System.Text.Json.Serialization;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// Split conformal prediction sets (score 1 - p(true tier) on calibrated probabilities): a set holds every tier
/// whose calibrated probability is at least <see cref="MinProbability"/>, and always the most probable tier, most
/// probable first. <see cref="MinProbability"/> is 1 minus the ⌈(n+1)·level⌉-th smallest score of n calibration tracks,
/// so on exchangeable tracks a set holds the true tier with probability at least <see cref="Level"/>.
/// </summary>
public sealed class PredictionSetRule
{
    [JsonConstructor]
    public PredictionSetRule(double level, double minProbability)
    {
        Level = level;
        MinProbability = minProbability;
    }

    /// <summary>Every tier, always: the only honest set without a conformal threshold (level 1).</summary>
    public static PredictionSetRule AllTiers { get; } = new(1.0, 0.0);

    /// <summary>The coverage the sets are built for, e.g. 0.9.</summary>
    public double Level { get; }

    /// <summary>A tier enters the set when its calibrated probability reaches this.</summary>
    public double MinProbability { get; }

    /// <summary>The set for one track's calibrated probabilities (tier order), most probable first; <paramref name="shown"/> is always in it.</summary>
    public IReadOnlyList<Tier> SetFor(IReadOnlyList<double> calibrated, Tier shown)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var top = 0;
        for (var k = 1; k < calibrated.Count; k++)
        {
            if (calibrated[k] > calibrated[top])
            {
                top = k;
            }
        }

        // Insertion of each member after every member at least as probable: most probable first, ties in tier order.
        Span<int> members = stackalloc int[calibrated.Count];
        var count = 0;
        for (var k = 0; k < calibrated.Count; k++)
        {
            if (k != top && k != (int)shown && !(calibrated[k] >= MinProbability))
            {
                continue;
            }

            var at = count;
            while (at > 0 && calibrated[members[at - 1]] < calibrated[k])
            {
                members[at] = members[at - 1];
                at--;
            }

            members[at] = k;
            count++;
        }

        var set = new Tier[count];
        for (var i = 0; i < count; i++)
        {
            set[i] = (Tier)members[i];
        }

        return set;
    }

    /// <summary>Fits the threshold at <paramref name="level"/> on calibrated probabilities of the calibration tracks and their true tiers.</summary>
    public static PredictionSetRule Fit(double level, IReadOnlyList<double[]> calibrated, IReadOnlyList<Tier> actual)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        ArgumentNullException.ThrowIfNull(actual);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "the set level must be between 0 and 1");
        }

        var n = calibrated.Count;
        var scores = Enumerable.Range(0, n).Select(i => 1 - calibrated[i][(int)actual[i]]).Order().ToArray();
        var rank = (int)Math.Ceiling((n + 1) * level);
        if (rank > n)
        {
            return new PredictionSetRule(level, 0.0);
        }

        return new PredictionSetRule(level, Math.Max(0, 1 - scores[rank - 1]));
    }
}
