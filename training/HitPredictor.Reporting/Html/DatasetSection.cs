using HitPredictor.Reporting.Analysis;
using HitPredictor.Reporting.Plots;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Html;

/// <summary>The dataset half of the report: hygiene, duplicates, popularity and tiers, audio features, genres.</summary>
internal static class DatasetSection
{
    private const int GenresLosingRowsShown = 15;

    public static RenderedSection Render(DatasetAnalysis analysis, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var plots = new List<RenderedPlot>();
        var html = new HtmlWriter();
        var dataset = analysis.Dataset;
        html.Heading(2, "Dataset", "dataset")
            .Paragraph($"{dataset.Name}: {Format.Count(dataset.SizeBytes)} bytes, SHA-256 {dataset.Sha256}.", "meta");

        progress?.Report("Drawing the hygiene funnel and duplicate spread");
        Hygiene(html, plots, analysis);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report("Drawing popularity and tiers");
        Popularity(html, plots, analysis.Popularity);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(FormattableString.Invariant($"Drawing {analysis.Features.Count} audio features by tier"));
        Features(html, plots, analysis.Features, cancellationToken);

        progress?.Report("Drawing the genre rankings");
        Genres(html, plots, analysis.Genres);
        return new RenderedSection(html.ToFragment(), plots);
    }

    private static void Hygiene(HtmlWriter html, List<RenderedPlot> plots, DatasetAnalysis analysis)
    {
        html.Heading(3, "Hygiene", "hygiene");
        var funnel = analysis.Funnel;
        html.Table(
            "Hygiene funnel",
            ["step", "rows left", "rows removed"],
            funnel.Select((step, i) => (IReadOnlyList<Cell>)
            [
                new(step.Label),
                new(Format.Count(step.Rows), $"hygiene-{step.Id}"),
                i == 0 ? new("") : new(Format.Count(funnel[i - 1].Rows - step.Rows), $"hygiene-{step.Id}-removed"),
            ]),
            "hygiene-funnel");
        html.Paragraph(
            $"Rejected by the reader: {Format.Count(analysis.Hygiene.RejectedRows)}. " +
            $"Duplicates removed (same track name and artists, first kept): {Format.Count(analysis.Hygiene.DuplicatesRemoved)}.");
        var funnelPlot = FunnelPlot.Render(funnel);
        plots.Add(funnelPlot);
        html.Figure(funnelPlot);

        html.Heading(3, "Where duplicates come from", "duplicates");
        var spread = analysis.Duplicates;
        html.Paragraph(
            $"In the raw read, {Format.Count(spread.Songs)} distinct songs (track name + artists) fill " +
            $"{Format.Count(spread.Songs + spread.RepeatedRows)} rows: {Format.Count(spread.SongsInSeveralGenres)} songs are listed under " +
            $"more than one genre, and {Format.Count(spread.RepeatedRows)} rows repeat an earlier song.");
        var spreadPlot = DuplicateSpreadPlot.Render(spread);
        plots.Add(spreadPlot);
        html.Figure(spreadPlot);
        html.Table(
            "Songs by number of genres",
            ["genres", "songs"],
            spread.Bins.Select(b => (IReadOnlyList<Cell>)[new(Format.Count(b.Genres)), new(Format.Count(b.Songs))]),
            "duplicate-spread");
        html.Table(
            FormattableString.Invariant($"Genres losing most rows in hygiene (top {GenresLosingRowsShown})"),
            ["genre", "rows read", "tracks kept", "rows removed"],
            analysis.Genres.OrderByDescending(g => g.RowsRemoved).ThenBy(g => g.Genre, StringComparer.Ordinal).Take(GenresLosingRowsShown)
                .Select(g => (IReadOnlyList<Cell>)[new(g.Genre), new(Format.Count(g.RowsRead)), new(Format.Count(g.Tracks)), new(Format.Count(g.RowsRemoved))]));
    }

    private static void Popularity(HtmlWriter html, List<RenderedPlot> plots, PopularityDistribution popularity)
    {
        html.Heading(3, "Popularity and tiers", "popularity");
        var plot = PopularityPlot.Render(popularity);
        plots.Add(plot);
        html.Figure(plot);
        var cut = popularity.Cutoffs;
        html.Table(
            "Tiers before and after hygiene",
            ["tier", "popularity", "tracks before", "share before", "tracks after", "share after"],
            popularity.Tiers.Select(t => (IReadOnlyList<Cell>)
            [
                new(t.Tier.ToString()),
                new(Range(t.Tier, cut)),
                new(Format.Count(t.Before)),
                new(Format.Percent(t.BeforeShare)),
                new(Format.Count(t.After), $"tier-count-{Format.Id(t.Tier.ToString())}"),
                new(Format.Percent(t.AfterShare)),
            ]),
            "tiers");
        var shares = TierSharePlot.Render(popularity.Tiers);
        plots.Add(shares);
        html.Figure(shares);
    }

    private static void Features(HtmlWriter html, List<RenderedPlot> plots, IReadOnlyList<FeatureProfile> features, CancellationToken cancellationToken)
    {
        html.Heading(3, "Audio features", "features");
        var correlation = CorrelationPlot.Render(features);
        plots.Add(correlation);
        html.Figure(correlation);
        html.Table(
            "Correlation with popularity",
            ["feature", "Pearson before", "Spearman before", "Pearson after", "Spearman after"],
            features.Select(f => (IReadOnlyList<Cell>)
            [
                new(f.Feature), new(Format.Metric(f.PearsonBefore)), new(Format.Metric(f.SpearmanBefore)),
                new(Format.Metric(f.PearsonAfter)), new(Format.Metric(f.SpearmanAfter)),
            ]),
            "correlation");

        var boxes = new List<RenderedPlot>();
        foreach (var feature in features)
        {
            cancellationToken.ThrowIfCancellationRequested();
            boxes.Add(FeatureByTierPlot.Render(feature));
        }

        plots.AddRange(boxes);
        html.Paragraph("Each feature's distribution by tier, after hygiene: box from the 25th to the 75th percentile with the median, whiskers from the 5th to the 95th.");
        html.Grid(boxes);
        html.Details("Median of each feature by tier", inner => inner.Table(
            "Median by tier (after hygiene)",
            ["feature", .. TierCutoffs.All.Select(t => t.ToString())],
            features.Select(f => (IReadOnlyList<Cell>)[new(f.Feature), .. TierCutoffs.All.Select(t => new Cell(Format.Number(f.ByTier[t].Median)))])));
    }

    private static void Genres(HtmlWriter html, List<RenderedPlot> plots, IReadOnlyList<GenreStats> genres)
    {
        html.Heading(3, "Genres", "genres");
        html.Paragraph("The prototype found genre the strongest single predictor of popularity: the genres differ far more than any audio feature does.");
        var byMedian = GenreRankingPlot.RenderByMedian(genres);
        var byHits = GenreRankingPlot.RenderByHitShare(genres);
        plots.Add(byMedian);
        plots.Add(byHits);
        html.Figure(byMedian).Figure(byHits);
        html.Details(FormattableString.Invariant($"All {genres.Count} genres"), inner => inner.Table(
            "Genres by median popularity (after hygiene)",
            ["genre", "tracks", "median popularity", "Viral + Hit share"],
            genres.Select(g => (IReadOnlyList<Cell>)
                [new(g.Genre), new(Format.Count(g.Tracks)), new(Format.Number(g.MedianPopularity)), new(Format.Percent(g.ViralOrHitShare))]),
            "genre-ranking"));
    }

    private static string Range(Tier tier, TierCutoffs cut) => tier switch
    {
        Tier.Viral => FormattableString.Invariant($">= {cut.Viral}"),
        Tier.Hit => FormattableString.Invariant($"{cut.Hit}-{cut.Viral - 1}"),
        Tier.Mid => FormattableString.Invariant($"{cut.Mid}-{cut.Hit - 1}"),
        _ => FormattableString.Invariant($"< {cut.Mid}"),
    };
}
