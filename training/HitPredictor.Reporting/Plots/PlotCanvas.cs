using HitPredictor.Training.Tiers;
using ScottPlot;

namespace HitPredictor.Reporting.Plots;

/// <summary>
/// The common look of every plot: one sans-serif font, tier colours, and PNG output at a fixed size. Fonts come
/// from the system (Debian: <c>fonts-dejavu-core</c>); DejaVu Sans is preferred when it is there.
/// </summary>
internal static class PlotCanvas
{
    private const string PreferredFont = "DejaVu Sans";

    private static readonly Lazy<string> FontName = new(() =>
        SkiaSharp.SKFontManager.Default.FontFamilies.Contains(PreferredFont, StringComparer.Ordinal) ? PreferredFont : Fonts.Default);

    public static Color Before { get; } = Color.FromHex("#b8bec6");

    public static Color After { get; } = Color.FromHex("#1f77b4");

    public static Color Accent { get; } = Color.FromHex("#d62728");

    public static Color Secondary { get; } = Color.FromHex("#ff7f0e");

    public static Color Neutral { get; } = Color.FromHex("#555555");

    /// <summary>True when the system offers any font to draw text with; without one, plots have no text.</summary>
    public static bool HasFonts => SkiaSharp.SKFontManager.Default.FontFamilies.Any();

    public static Color TierColor(Tier tier) => tier switch
    {
        Tier.Viral => Color.FromHex("#d62728"),
        Tier.Hit => Color.FromHex("#ff7f0e"),
        Tier.Mid => Color.FromHex("#1f77b4"),
        _ => Color.FromHex("#7f7f7f"),
    };

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName.Value);
        plot.Title(title, 16);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    /// <summary>Category names as ticks on the left axis, first category at the top; returns each category's position.</summary>
    public static double[] CategoriesOnLeft(Plot plot, IReadOnlyList<string> names)
    {
        var positions = Enumerable.Range(0, names.Count).Select(i => (double)(names.Count - 1 - i)).ToArray();
        plot.Axes.Left.SetTicks(positions, [.. names]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        return positions;
    }

    /// <summary>Category names as ticks on the bottom axis, in order; returns each category's position.</summary>
    public static double[] CategoriesOnBottom(Plot plot, IReadOnlyList<string> names)
    {
        var positions = Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. names]);
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        return positions;
    }

    public static RenderedPlot Render(Plot plot, string fileName, string title, string caption, int width, int height) =>
        new(fileName, title, caption, width, height, plot.GetImageBytes(width, height, ImageFormat.Png));
}
