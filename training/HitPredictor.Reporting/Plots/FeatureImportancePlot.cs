using System.Globalization;
using HitPredictor.Training.Data;
using HitPredictor.Training.Evaluation;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Permutation feature importance (drop in macro-F1 when one input is shuffled), genre counted as one feature.</summary>
internal static class FeatureImportancePlot
{
    public const string FileName = "feature-importance.png";
    public const int Width = 900;
    public const int Height = 520;

    public static RenderedPlot Render(IReadOnlyList<FeatureImportance> importance)
    {
        using var plot = PlotCanvas.Create("Feature importance (permutation)", "macro-F1 drop when shuffled", "");
        var ordered = importance.OrderByDescending(f => f.MacroF1Drop).ToArray();
        var positions = PlotCanvas.CategoriesOnLeft(plot, [.. ordered.Select(f => f.Feature)]);
        plot.Add.Bars(ordered.Select((f, i) => new Bar
        {
            Position = positions[i],
            Value = f.MacroF1Drop,
            FillColor = f.Feature == TrackColumn.Genre ? PlotCanvas.Accent : PlotCanvas.After,
            Orientation = Orientation.Horizontal,
            Label = f.MacroF1Drop.ToString("0.000", CultureInfo.InvariantCulture),
        }).ToArray());
        plot.Add.VerticalLine(0, 1, PlotCanvas.Neutral);
        plot.Axes.Margins(left: 0.12, right: 0.12, bottom: 0.02, top: 0.02);
        return PlotCanvas.Render(
            plot, FileName, "Feature importance",
            "How much held-out macro-F1 falls when one input is shuffled across tracks; genre (red) is shuffled as one feature.",
            Width, Height);
    }
}
