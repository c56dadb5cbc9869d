using System.Globalization;
using HitPredictor.Reporting.Analysis;
using HitPredictor.Training.Tiers;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>A reliability plot for one tier: observed frequency against mean predicted probability, per bin.</summary>
internal static class CalibrationPlot
{
    public const int Width = 460;
    public const int Height = 440;

    public static string FileNameFor(Tier tier) => $"calibration-{tier.ToString().ToLowerInvariant()}.png";

    public static RenderedPlot Render(Tier tier, IReadOnlyList<CalibrationBin> bins)
    {
        using var plot = PlotCanvas.Create($"Calibration: {tier}", $"mean predicted P({tier})", $"observed share {tier}");
        var ideal = plot.Add.Line(0, 0, 1, 1);
        ideal.LineColor = PlotCanvas.Neutral;
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LegendText = "perfect calibration";
        if (bins.Count > 0)
        {
            var scatter = plot.Add.Scatter(bins.Select(b => new Coordinates(b.MeanPredicted, b.Observed)).ToArray(), PlotCanvas.TierColor(tier));
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
            scatter.LegendText = "model";
            foreach (var bin in bins)
            {
                var count = plot.Add.Text(bin.Count.ToString("N0", CultureInfo.InvariantCulture), bin.MeanPredicted, bin.Observed);
                count.LabelFontSize = 10;
                count.Alignment = bin.MeanPredicted > 0.8 ? Alignment.LowerRight : Alignment.UpperLeft;
                count.OffsetX = bin.MeanPredicted > 0.8 ? -6 : 6;
                count.OffsetY = bin.MeanPredicted > 0.8 ? -6 : 6;
                count.LabelFontColor = PlotCanvas.Neutral;
            }
        }

        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Render(
            plot, FileNameFor(tier), $"Calibration: {tier}",
            FormattableString.Invariant(
                $"Held-out tracks binned by P({tier}) in steps of {1.0 / Calibration.Bins:0.0}: the share really {tier} against the mean probability given; numbers are tracks per bin."),
            Width, Height);
    }
}
