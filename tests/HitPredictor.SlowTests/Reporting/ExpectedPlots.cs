using HitPredictor.Reporting.Plots;
using HitPredictor.Training.Features;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Reporting;

/// <summary>Every plot file the report writes, with the pixel size its plot type declares.</summary>
internal static class ExpectedPlots
{
    public static IReadOnlyDictionary<string, (int Width, int Height)> Dataset { get; } = new[]
    {
        (FunnelPlot.FileName, FunnelPlot.Width, FunnelPlot.Height),
        (DuplicateSpreadPlot.FileName, DuplicateSpreadPlot.Width, DuplicateSpreadPlot.Height),
        (PopularityPlot.FileName, PopularityPlot.Width, PopularityPlot.Height),
        (TierSharePlot.FileName, TierSharePlot.Width, TierSharePlot.Height),
        (CorrelationPlot.FileName, CorrelationPlot.Width, CorrelationPlot.Height),
        (GenreRankingPlot.MedianFileName, GenreRankingPlot.Width, GenreRankingPlot.Height),
        (GenreRankingPlot.HitShareFileName, GenreRankingPlot.Width, GenreRankingPlot.Height),
    }
    .Concat(FeatureSet.Default.Numeric.Select(f => (FeatureByTierPlot.FileNameFor(f.Name), FeatureByTierPlot.Width, FeatureByTierPlot.Height)))
    .ToDictionary(p => p.Item1, p => (p.Item2, p.Item3));

    public static IReadOnlyDictionary<string, (int Width, int Height)> Model { get; } = new[]
    {
        (ConfusionPlot.CountsFileName, ConfusionPlot.Width, ConfusionPlot.Height),
        (ConfusionPlot.NormalisedFileName, ConfusionPlot.Width, ConfusionPlot.Height),
        (TierMetricsPlot.FileName, TierMetricsPlot.Width, TierMetricsPlot.Height),
        (FeatureImportancePlot.FileName, FeatureImportancePlot.Width, FeatureImportancePlot.Height),
        (ArtistGroupedPlot.FileName, ArtistGroupedPlot.Width, ArtistGroupedPlot.Height),
    }
    .Concat(TierCutoffs.All.Select(t => (CalibrationPlot.FileNameFor(t), CalibrationPlot.Width, CalibrationPlot.Height)))
    .ToDictionary(p => p.Item1, p => (p.Item2, p.Item3));

    public static IReadOnlyDictionary<string, (int Width, int Height)> All { get; } =
        Dataset.Concat(Model).ToDictionary(p => p.Key, p => p.Value);
}
