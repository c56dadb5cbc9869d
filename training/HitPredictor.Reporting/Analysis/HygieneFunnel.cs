using HitPredictor.Training.Hygiene;

namespace HitPredictor.Reporting.Analysis;

/// <summary>The hygiene counts as an ordered funnel, from rows in the file to rows trained on.</summary>
internal static class HygieneFunnel
{
    public static IReadOnlyList<FunnelStep> From(HygieneCounts hygiene)
    {
        var excluded = hygiene.ExcludedGenres.Count == 0 ? "no genre" : string.Join(", ", hygiene.ExcludedGenres);
        return
        [
            new FunnelStep("rows-read", "rows read", hygiene.RowsRead),
            new FunnelStep("parsed", "parsed (rejected rows dropped)", hygiene.RowsRead - hygiene.RejectedRows),
            new FunnelStep("after-excluded-genres", $"after excluding {excluded}", hygiene.AfterExcludedGenres),
            new FunnelStep("after-incomplete", "after dropping incomplete rows", hygiene.AfterIncomplete),
            new FunnelStep("after-deduplication", "after deduplication", hygiene.AfterDeduplication),
        ];
    }
}
