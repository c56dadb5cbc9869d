using System.Globalization;
using HitPredictor.Reporting.Analysis;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>How many songs are listed under 2, 3, 4... genres in the raw read: the cross-genre duplicates.</summary>
internal static class DuplicateSpreadPlot
{
    public const string FileName = "duplicate-spread.png";
    public const int Width = 900;
    public const int Height = 360;

    public static RenderedPlot Render(DuplicateSpread spread)
    {
        using var plot = PlotCanvas.Create("Songs listed under more than one genre (raw read)", "number of genres a song is listed under", "songs");
        var several = spread.Bins.Where(b => b.Genres > 1).ToArray();
        plot.Add.Bars(several.Select(b => new Bar
        {
            Position = b.Genres,
            Value = b.Songs,
            FillColor = PlotCanvas.Secondary,
            Label = b.Songs.ToString("N0", CultureInfo.InvariantCulture),
        }).ToArray());
        plot.Axes.Bottom.SetTicks([.. several.Select(b => (double)b.Genres)], [.. several.Select(b => b.Genres.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.Margins(bottom: 0, top: 0.12);
        var single = spread.Bins.FirstOrDefault(b => b.Genres == 1)?.Songs ?? 0;
        return PlotCanvas.Render(
            plot, FileName, "Songs in several genres",
            $"Songs (track name + artists) by how many genres they are listed under, for those in two or more; {single.ToString("N0", CultureInfo.InvariantCulture)} songs are in one genre only. Deduplication keeps one row per song.",
            Width, Height);
    }
}
