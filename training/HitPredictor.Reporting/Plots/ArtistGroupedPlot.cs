using HitPredictor.Training.Packaging;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>The stratified held-out figures next to the stricter artist-grouped ones: accuracy, macro-F1 and F1 per tier.</summary>
internal static class ArtistGroupedPlot
{
    public const string FileName = "stratified-vs-artist-grouped.png";
    public const int Width = 900;
    public const int Height = 400;

    public static RenderedPlot Render(ModelMetrics metrics, ArtistGroupedMetrics grouped)
    {
        using var plot = PlotCanvas.Create("Stratified split vs unseen artists", "", "score");
        var tiers = metrics.PerTier.Keys.Where(grouped.PerTier.ContainsKey).ToArray();
        string[] names = ["accuracy", "macro-F1", .. tiers.Select(t => $"F1 {t}")];
        double[] stratified = [metrics.Accuracy, metrics.MacroF1, .. tiers.Select(t => metrics.PerTier[t].F1)];
        double[] artist = [grouped.Accuracy, grouped.MacroF1, .. tiers.Select(t => grouped.PerTier[t].F1)];
        var positions = PlotCanvas.CategoriesOnBottom(plot, names);
        var left = plot.Add.Bars(stratified.Select((v, i) => new Bar { Position = positions[i] - 0.2, Value = v, Size = 0.38, FillColor = PlotCanvas.After }).ToArray());
        left.LegendText = "stratified by tier";
        var right = plot.Add.Bars(artist.Select((v, i) => new Bar { Position = positions[i] + 0.2, Value = v, Size = 0.38, FillColor = PlotCanvas.Secondary }).ToArray());
        right.LegendText = "grouped by artist";
        plot.Axes.SetLimitsY(0, 1.15);
        plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
        return PlotCanvas.Render(
            plot, FileName, "Stratified vs artist-grouped",
            "The same settings evaluated on a stratified split and on a split with no artist on both sides (the stricter figure).",
            Width, Height);
    }
}
