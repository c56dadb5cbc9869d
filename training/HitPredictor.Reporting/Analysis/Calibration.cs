using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Analysis;

/// <summary>Reliability of predicted probabilities, one tier at a time, in equal-width bins.</summary>
internal static class Calibration
{
    public const int Bins = 10;

    /// <summary>Bins for <paramref name="tier"/>; empty bins are left out.</summary>
    public static IReadOnlyList<CalibrationBin> For(Tier tier, IReadOnlyList<Tier> actual, IReadOnlyList<float[]> probabilities)
    {
        if (actual.Count != probabilities.Count)
        {
            throw new ArgumentException("need one probability vector per actual tier");
        }

        var counts = new int[Bins];
        var sums = new double[Bins];
        var hits = new int[Bins];
        for (var i = 0; i < actual.Count; i++)
        {
            var p = Math.Clamp((double)probabilities[i][(int)tier], 0, 1);
            var bin = Math.Min((int)(p * Bins), Bins - 1);
            counts[bin]++;
            sums[bin] += p;
            if (actual[i] == tier)
            {
                hits[bin]++;
            }
        }

        return
        [
            .. Enumerable.Range(0, Bins).Where(b => counts[b] > 0)
                .Select(b => new CalibrationBin((double)b / Bins, (double)(b + 1) / Bins, counts[b], sums[b] / counts[b], (double)hits[b] / counts[b])),
        ];
    }
}
