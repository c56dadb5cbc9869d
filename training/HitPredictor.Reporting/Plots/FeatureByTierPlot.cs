using HitPredictor.Reporting.Analysis;
using HitPredictor.Training.Tiers;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>One audio feature's distribution in each tier, as box plots (box: quartiles; whiskers: 5th-95th percentile).</summary>
internal static class FeatureByTierPlot
{
    public const int Width = 460;
    public const int Height = 340;

    public static string FileNameFor(string feature) => $"feature-{feature}.png";

    public static RenderedPlot Render(FeatureProfile feature)
    {
        using var plot = PlotCanvas.Create(feature.Feature, "", "");
        var tiers = TierCutoffs.All;
        var positions = PlotCanvas.CategoriesOnBottom(plot, [.. tiers.Select(t => t.ToString())]);
        foreach (var tier in tiers)
        {
            var summary = feature.ByTier[tier];
            if (summary.Count == 0)
            {
                continue;
            }

            var box = plot.Add.Box(new Box
            {
                Position = positions[(int)tier],
                BoxMin = summary.Q1,
                BoxMax = summary.Q3,
                BoxMiddle = summary.Median,
                WhiskerMin = summary.P05,
                WhiskerMax = summary.P95,
                Width = 0.6,
            });
            box.FillColor = PlotCanvas.TierColor(tier).WithAlpha(0.6);
            box.LineColor = PlotCanvas.Neutral;
        }

        return PlotCanvas.Render(
            plot, FileNameFor(feature.Feature), $"{feature.Feature} by tier",
            $"{feature.Feature} in each tier after hygiene: box from the 25th to the 75th percentile with the median, whiskers from the 5th to the 95th.",
            Width, Height);
    }
}
