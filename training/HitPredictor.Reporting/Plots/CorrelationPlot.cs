using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>Each audio feature's Pearson and Spearman correlation with popularity, after hygiene.</summary>
internal static class CorrelationPlot
{
    public const string FileName = "feature-correlation.png";
    public const int Width = 900;
    public const int Height = 520;

    public static RenderedPlot Render(IReadOnlyList<FeatureProfile> features)
    {
        using var plot = PlotCanvas.Create("Correlation with popularity (after hygiene)", "correlation coefficient", "");
        var ordered = features.OrderByDescending(f => Math.Abs(Zero(f.SpearmanAfter))).ToArray();
        var positions = PlotCanvas.CategoriesOnLeft(plot, [.. ordered.Select(f => f.Feature)]);
        var pearson = plot.Add.Bars(Bars(ordered.Select(f => f.PearsonAfter), positions, 0.2, PlotCanvas.After));
        pearson.LegendText = "Pearson";
        var spearman = plot.Add.Bars(Bars(ordered.Select(f => f.SpearmanAfter), positions, -0.2, PlotCanvas.Secondary));
        spearman.LegendText = "Spearman";
        plot.Add.VerticalLine(0, 1, PlotCanvas.Neutral);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Render(
            plot, FileName, "Correlation with popularity",
            "Pearson (linear) and Spearman (rank) correlation of each audio feature with popularity, strongest first.",
            Width, Height);
    }

    private static Bar[] Bars(IEnumerable<double> values, double[] positions, double offset, Color color) =>
    [
        .. values.Select((value, i) => new Bar
        {
            Position = positions[i] + offset,
            Value = Zero(value),
            Size = 0.38,
            FillColor = color,
            Orientation = Orientation.Horizontal,
        }),
    ];

    private static double Zero(double value) => double.IsNaN(value) ? 0 : value;
}
