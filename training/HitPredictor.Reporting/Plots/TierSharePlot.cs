using System.Globalization;
using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Each tier's share of the tracks, before and after hygiene, side by side.</summary>
internal static class TierSharePlot
{
    public const string FileName = "tier-shares.png";
    public const int Width = 760;
    public const int Height = 380;

    public static RenderedPlot Render(IReadOnlyList<TierCount> tiers)
    {
        using var plot = PlotCanvas.Create("Tier shares", "", "share of tracks (%)");
        var positions = PlotCanvas.CategoriesOnBottom(plot, [.. tiers.Select(t => t.Tier.ToString())]);
        var before = plot.Add.Bars(Bars(tiers.Select(t => t.BeforeShare), positions, -0.2, PlotCanvas.Before));
        before.LegendText = "before hygiene";
        var after = plot.Add.Bars(Bars(tiers.Select(t => t.AfterShare), positions, 0.2, PlotCanvas.After));
        after.LegendText = "after hygiene";
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotCanvas.Render(plot, FileName, "Tier shares", "Share of tracks in each tier, before hygiene and after.", Width, Height);
    }

    private static Bar[] Bars(IEnumerable<double> shares, double[] positions, double offset, Color color) =>
    [
        .. shares.Select((share, i) => new Bar
        {
            Position = positions[i] + offset,
            Value = share * 100,
            Size = 0.38,
            FillColor = color,
            Label = (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        }),
    ];
}
