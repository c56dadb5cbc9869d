using System.Globalization;
using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Tracks per popularity value, before and after hygiene, with the tier cut-offs marked.</summary>
internal static class PopularityPlot
{
    public const string FileName = "popularity-distribution.png";
    public const int Width = 1000;
    public const int Height = 420;

    public static RenderedPlot Render(PopularityDistribution distribution)
    {
        using var plot = PlotCanvas.Create("Popularity distribution", "popularity (0-100)", "tracks");
        var before = plot.Add.Bars(Bars(distribution.Before, PlotCanvas.Before));
        before.LegendText = "before hygiene";
        var after = plot.Add.Bars(Bars(distribution.After, PlotCanvas.After));
        after.LegendText = "after hygiene";
        var top = Math.Max(1, distribution.Before.Concat(distribution.After).Max()) * 1.12;
        var cutoffs = distribution.Cutoffs;
        foreach (var (value, name) in new[] { (cutoffs.Viral, "Viral"), (cutoffs.Hit, "Hit"), (cutoffs.Mid, "Mid") })
        {
            plot.Add.VerticalLine(value - 0.5, 2, PlotCanvas.Accent, LinePattern.Dashed);
            var label = plot.Add.Text(FormattableString.Invariant($"{name} >= {value}"), value - 0.5, top);
            label.Alignment = Alignment.UpperLeft;
            label.OffsetX = 4;
            label.OffsetY = 4;
            label.LabelFontSize = 12;
            label.LabelFontColor = PlotCanvas.Accent;
        }

        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, 11).Select(i => i * 10.0)],
            [.. Enumerable.Range(0, 11).Select(i => (i * 10).ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(-1, PopularityDistribution.MaxPopularity + 1, 0, top);
        plot.ShowLegend(Alignment.MiddleRight);
        return PlotCanvas.Render(
            plot, FileName, "Popularity distribution",
            "Tracks per popularity value before hygiene (grey) and after (blue); dashed lines are the tier cut-offs.",
            Width, Height);
    }

    private static Bar[] Bars(IReadOnlyList<int> counts, Color color) =>
    [
        .. counts.Select((count, popularity) => new Bar
        {
            Position = popularity,
            Value = count,
            FillColor = color,
            LineWidth = 0,
            Size = 1,
        }),
    ];
}
