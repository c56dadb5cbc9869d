using System.Globalization;
using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Rows left after each hygiene step, as horizontal bars.</summary>
internal static class FunnelPlot
{
    public const string FileName = "hygiene-funnel.png";
    public const int Width = 900;
    public const int Height = 340;

    public static RenderedPlot Render(IReadOnlyList<FunnelStep> steps)
    {
        using var plot = PlotCanvas.Create("Hygiene funnel", "rows", "");
        var positions = PlotCanvas.CategoriesOnLeft(plot, [.. steps.Select(s => s.Label)]);
        var bars = steps.Select((s, i) => new Bar
        {
            Position = positions[i],
            Value = s.Rows,
            FillColor = i == steps.Count - 1 ? PlotCanvas.After : PlotCanvas.Before,
            Orientation = Orientation.Horizontal,
            Label = s.Rows.ToString("N0", CultureInfo.InvariantCulture),
            CenterLabel = true,
        }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.05, top: 0.05);
        return PlotCanvas.Render(plot, FileName, "Hygiene funnel", "Rows left after each hygiene step, in order.", Width, Height);
    }
}
