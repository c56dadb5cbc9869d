using System.Globalization;
using HitPredictor.Training.Evaluation;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>The confusion matrix as a heat map: actual tier down, predicted tier across, in counts or row-normalised.</summary>
internal static class ConfusionPlot
{
    public const string CountsFileName = "confusion-counts.png";
    public const string NormalisedFileName = "confusion-normalised.png";
    public const int Width = 560;
    public const int Height = 500;

    public static RenderedPlot RenderCounts(ConfusionMatrix matrix) => Render(matrix, normalised: false);

    public static RenderedPlot RenderNormalised(ConfusionMatrix matrix) => Render(matrix, normalised: true);

    private static RenderedPlot Render(ConfusionMatrix matrix, bool normalised)
    {
        var title = normalised ? "Confusion matrix (share of each actual tier)" : "Confusion matrix (tracks)";
        using var plot = PlotCanvas.Create(title, "predicted tier", "actual tier");
        var labels = matrix.Labels;
        var rows = PlotCanvas.CategoriesOnLeft(plot, labels);
        var columns = PlotCanvas.CategoriesOnBottom(plot, labels);
        var largest = Math.Max(1, matrix.Counts.SelectMany(r => r).DefaultIfEmpty(0).Max());
        for (var actual = 0; actual < labels.Count; actual++)
        {
            var rowTotal = matrix.Counts[actual].Sum();
            for (var predicted = 0; predicted < labels.Count; predicted++)
            {
                var count = matrix.Counts[actual][predicted];
                var share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                var intensity = normalised ? share : (double)count / largest;
                var cell = plot.Add.Rectangle(columns[predicted] - 0.5, columns[predicted] + 0.5, rows[actual] - 0.5, rows[actual] + 0.5);
                cell.FillColor = PlotCanvas.After.WithAlpha(0.08 + (0.92 * intensity));
                cell.LineColor = Colors.White;
                cell.LineWidth = 2;
                var text = plot.Add.Text(
                    normalised ? share.ToString("0.00", CultureInfo.InvariantCulture) : count.ToString("N0", CultureInfo.InvariantCulture),
                    columns[predicted], rows[actual]);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 15;
                text.LabelBold = actual == predicted;
                text.LabelFontColor = intensity > 0.55 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.SetLimits(-0.5, labels.Count - 0.5, -0.5, labels.Count - 0.5);
        plot.HideGrid();
        var caption = normalised
            ? "Each row divided by its total: the diagonal is each tier's recall."
            : "Held-out tracks by actual tier (rows) and predicted tier (columns); the diagonal is correct.";
        return PlotCanvas.Render(plot, normalised ? NormalisedFileName : CountsFileName, title, caption, Width, Height);
    }
}
