using HitPredictor.Training.Data;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Analysis;

/// <summary>Tracks per popularity value (0-100) and per tier, before hygiene and after.</summary>
internal sealed record PopularityDistribution(IReadOnlyList<int> Before, IReadOnlyList<int> After, IReadOnlyList<TierCount> Tiers, TierCutoffs Cutoffs)
{
    public const int MaxPopularity = 100;

    public static PopularityDistribution From(IReadOnlyList<TrackRecord> raw, IReadOnlyList<TrackRecord> clean, TierCutoffs cutoffs)
    {
        var before = Histogram(raw);
        var after = Histogram(clean);
        var beforeTotal = before.Sum();
        var afterTotal = after.Sum();
        var tiers = TierCutoffs.All.Select(tier =>
        {
            var b = TierTotal(before, cutoffs, tier);
            var a = TierTotal(after, cutoffs, tier);
            return new TierCount(tier, b, Share(b, beforeTotal), a, Share(a, afterTotal));
        }).ToArray();
        return new PopularityDistribution(before, after, tiers, cutoffs);
    }

    private static int[] Histogram(IReadOnlyList<TrackRecord> tracks)
    {
        var counts = new int[MaxPopularity + 1];
        foreach (var track in tracks)
        {
            if (track.Popularity is { } popularity and >= 0 and <= MaxPopularity)
            {
                counts[popularity]++;
            }
        }

        return counts;
    }

    private static int TierTotal(int[] histogram, TierCutoffs cutoffs, Tier tier) =>
        Enumerable.Range(0, histogram.Length).Where(p => cutoffs.Classify(p) == tier).Sum(p => histogram[p]);

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
}
