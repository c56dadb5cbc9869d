using HitPredictor.Training.Evaluation;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Precision, recall and F1 of each tier on the held-out tracks.</summary>
internal static class TierMetricsPlot
{
    public const string FileName = "tier-metrics.png";
    public const int Width = 760;
    public const int Height = 400;

    public static RenderedPlot Render(IReadOnlyDictionary<string, TierMetrics> perTier)
    {
        using var plot = PlotCanvas.Create("Per-tier precision, recall and F1", "", "score");
        var tiers = perTier.Keys.ToArray();
        var positions = PlotCanvas.CategoriesOnBottom(plot, tiers);
        var series = new (string Name, Func<TierMetrics, double> Value, Color Color, double Offset)[]
        {
            ("precision", m => m.Precision, PlotCanvas.After, -0.27),
            ("recall", m => m.Recall, PlotCanvas.Secondary, 0),
            ("F1", m => m.F1, PlotCanvas.Neutral, 0.27),
        };
        foreach (var (name, value, color, offset) in series)
        {
            var bars = plot.Add.Bars(tiers.Select((t, i) => new Bar
            {
                Position = positions[i] + offset,
                Value = value(perTier[t]),
                Size = 0.25,
                FillColor = color,
            }).ToArray());
            bars.LegendText = name;
        }

        plot.Axes.SetLimitsY(0, 1.15);
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return PlotCanvas.Render(
            plot, FileName, "Per-tier precision and recall",
            "Of the tracks predicted in a tier, the share that were (precision); of the tracks in a tier, the share found (recall).",
            Width, Height);
    }
}
