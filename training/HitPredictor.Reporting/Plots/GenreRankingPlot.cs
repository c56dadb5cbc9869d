using System.Globalization;
using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>The top genres by median popularity, and by share of Viral and Hit tracks (after hygiene).</summary>
internal static class GenreRankingPlot
{
    public const string MedianFileName = "genres-median-popularity.png";
    public const string HitShareFileName = "genres-viral-hit-share.png";
    public const int Width = 900;
    public const int Height = 760;
    public const int Shown = 30;

    public static RenderedPlot RenderByMedian(IReadOnlyList<GenreStats> genres)
    {
        var top = genres.Where(g => g.Tracks > 0).OrderByDescending(g => g.MedianPopularity).ThenBy(g => g.Genre, StringComparer.Ordinal).Take(Shown).ToArray();
        using var plot = PlotCanvas.Create(
            $"Top {top.Length} genres by median popularity", "median popularity (after hygiene)", "");
        Draw(plot, top, g => g.MedianPopularity, v => v.ToString("0.#", CultureInfo.InvariantCulture), PlotCanvas.After);
        return PlotCanvas.Render(
            plot, MedianFileName, "Genres by median popularity",
            FormattableString.Invariant($"The {top.Length} genres with the highest median popularity; the full ranking is in the table below."),
            Width, Height);
    }

    public static RenderedPlot RenderByHitShare(IReadOnlyList<GenreStats> genres)
    {
        var top = genres.Where(g => g.Tracks > 0).OrderByDescending(g => g.ViralOrHitShare).ThenBy(g => g.Genre, StringComparer.Ordinal).Take(Shown).ToArray();
        using var plot = PlotCanvas.Create(
            $"Top {top.Length} genres by share of Viral + Hit tracks", "Viral + Hit share (%, after hygiene)", "");
        Draw(plot, top, g => g.ViralOrHitShare * 100, v => v.ToString("0", CultureInfo.InvariantCulture) + "%", PlotCanvas.Accent);
        return PlotCanvas.Render(
            plot, HitShareFileName, "Genres by Viral + Hit share",
            FormattableString.Invariant($"The {top.Length} genres with the largest share of Viral or Hit tracks."),
            Width, Height);
    }

    private static void Draw(Plot plot, IReadOnlyList<GenreStats> genres, Func<GenreStats, double> value, Func<double, string> label, Color color)
    {
        var positions = PlotCanvas.CategoriesOnLeft(plot, [.. genres.Select(g => g.Genre)]);
        plot.Add.Bars(genres.Select((g, i) => new Bar
        {
            Position = positions[i],
            Value = value(g),
            FillColor = color,
            Orientation = Orientation.Horizontal,
            Label = label(value(g)),
        }).ToArray());
        plot.Axes.Margins(left: 0, right: 0.08, bottom: 0.01, top: 0.01);
    }
}
