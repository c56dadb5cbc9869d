using HitPredictor.Reporting.Analysis;
using HitPredictor.Reporting.Plots;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Html;

/// <summary>
/// The model half of the report. Headline figures, confusion matrix, per-tier metrics, feature importance and the
/// artist-grouped figures are the card's own numbers; calibration comes from the held-out probabilities given.
/// </summary>
internal static class ModelSectionHtml
{
    public static RenderedSection Render(ModelSectionInput input, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var card = input.Card;
        var metrics = card.Metrics;
        var plots = new List<RenderedPlot>();
        var html = new HtmlWriter();
        html.Heading(2, "Model", "model")
            .Paragraph(
                $"Version {card.Version}, {card.Trainer.Name}, trained on {card.Dataset.Name} (SHA-256 {card.Dataset.Sha256}); " +
                $"{Format.Count(card.Split.TrainRows)} training and {Format.Count(card.Split.TestRows)} held-out tracks, {card.Split.Description}.",
                "meta");
        if (input.EvaluationNote is { } note)
        {
            html.Note(note);
        }

        progress?.Report("Drawing the model's figures");
        Headline(html, card);
        cancellationToken.ThrowIfCancellationRequested();
        Confusion(html, plots, metrics);
        PerTier(html, plots, metrics);
        cancellationToken.ThrowIfCancellationRequested();
        Importance(html, plots, metrics);
        progress?.Report(FormattableString.Invariant($"Drawing calibration from {input.Actual.Count:N0} held-out tracks"));
        CalibrationPlots(html, plots, input, cancellationToken);
        ArtistGrouped(html, plots, metrics);
        return new RenderedSection(html.ToFragment(), plots);
    }

    private static void Headline(HtmlWriter html, ModelCard card)
    {
        var m = card.Metrics;
        var grouped = m.ArtistGrouped;
        html.Heading(3, "Held-out figures", "model-figures");
        html.Table(
            "Model against the majority baseline",
            ["", "model (stratified split)", $"baseline (always {m.MajorityBaseline.Tier})", "model (unseen artists)", "baseline (unseen artists)"],
            [
                Row("accuracy", "accuracy", m.Accuracy, m.MajorityBaseline.Accuracy, grouped?.Accuracy, grouped?.MajorityBaseline.Accuracy),
                Row("macro-F1", "macro-f1", m.MacroF1, m.MajorityBaseline.MacroF1, grouped?.MacroF1, grouped?.MajorityBaseline.MacroF1),
                Row("log-loss", "log-loss", m.LogLoss, m.MajorityBaseline.LogLoss, grouped?.LogLoss, grouped?.MajorityBaseline.LogLoss),
            ],
            "model-metrics");
    }

    private static IReadOnlyList<Cell> Row(string name, string id, double model, double baseline, double? grouped, double? groupedBaseline) =>
    [
        new(name),
        new(Format.Metric(model), $"model-{id}"),
        new(Format.Metric(baseline)),
        new(grouped is { } g ? Format.Metric(g) : "not run", $"artist-{id}"),
        new(groupedBaseline is { } b ? Format.Metric(b) : "not run"),
    ];

    private static void Confusion(HtmlWriter html, List<RenderedPlot> plots, ModelMetrics metrics)
    {
        var matrix = metrics.Confusion;
        html.Heading(3, "Confusion matrix", "confusion");
        html.Table(
            "Held-out tracks: actual tier (rows) by predicted tier (columns)",
            ["actual \\ predicted", .. matrix.Labels],
            matrix.Labels.Select((actual, a) => (IReadOnlyList<Cell>)
            [
                new(actual),
                .. matrix.Labels.Select((predicted, p) => new Cell(Format.Count(matrix.Counts[a][p]), $"confusion-{Format.Id(actual)}-{Format.Id(predicted)}")),
            ]),
            "confusion-counts");
        var counts = ConfusionPlot.RenderCounts(matrix);
        var normalised = ConfusionPlot.RenderNormalised(matrix);
        plots.Add(counts);
        plots.Add(normalised);
        html.Grid([counts, normalised]);
    }

    private static void PerTier(HtmlWriter html, List<RenderedPlot> plots, ModelMetrics metrics)
    {
        html.Heading(3, "Per-tier precision and recall", "per-tier");
        html.Table(
            "Per-tier figures (stratified split)",
            ["tier", "precision", "recall", "F1", "support"],
            metrics.PerTier.Select(pair => (IReadOnlyList<Cell>)
            [
                new(pair.Key),
                new(Format.Metric(pair.Value.Precision), $"tier-{Format.Id(pair.Key)}-precision"),
                new(Format.Metric(pair.Value.Recall), $"tier-{Format.Id(pair.Key)}-recall"),
                new(Format.Metric(pair.Value.F1), $"tier-{Format.Id(pair.Key)}-f1"),
                new(Format.Count(pair.Value.Support), $"tier-{Format.Id(pair.Key)}-support"),
            ]),
            "tier-metrics");
        var plot = TierMetricsPlot.Render(metrics.PerTier);
        plots.Add(plot);
        html.Figure(plot);
    }

    private static void Importance(HtmlWriter html, List<RenderedPlot> plots, ModelMetrics metrics)
    {
        html.Heading(3, "Feature importance", "importance");
        if (metrics.FeatureImportance.Count == 0)
        {
            html.Note("The card has no feature importance: the model was trained without it.");
            return;
        }

        var plot = FeatureImportancePlot.Render(metrics.FeatureImportance);
        plots.Add(plot);
        html.Figure(plot);
        html.Table(
            "Drop when one input is shuffled (genre as one feature)",
            ["feature", "macro-F1 drop", "accuracy drop"],
            metrics.FeatureImportance.Select(f => (IReadOnlyList<Cell>)
                [new(f.Feature), new(Format.Metric(f.MacroF1Drop), $"importance-{Format.Id(f.Feature)}"), new(Format.Metric(f.AccuracyDrop))]),
            "feature-importance");
    }

    private static void CalibrationPlots(HtmlWriter html, List<RenderedPlot> plots, ModelSectionInput input, CancellationToken cancellationToken)
    {
        html.Heading(3, "Calibration", "calibration");
        if (input.Actual.Count == 0)
        {
            html.Note("No held-out tracks were given, so there is no calibration plot.");
            return;
        }

        html.Paragraph(
            $"Reliability of the probabilities the model answers with (calibrated) on {Format.Count(input.Actual.Count)} held-out tracks: a well-calibrated tier follows the dashed diagonal. " +
            "The expected calibration error (ECE) is the track-weighted mean distance from it.");
        var rows = new List<IReadOnlyList<Cell>>();
        var tierPlots = new List<RenderedPlot>();
        foreach (var tier in TierCutoffs.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bins = Calibration.For(tier, input.Actual, input.Probabilities);
            tierPlots.Add(CalibrationPlot.Render(tier, bins));
            var error = bins.Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.Observed)) / input.Actual.Count;
            var meanPredicted = input.Probabilities.Average(p => (double)p[(int)tier]);
            var observed = (double)input.Actual.Count(a => a == tier) / input.Actual.Count;
            rows.Add([new(tier.ToString()), new(Format.Metric(meanPredicted)), new(Format.Metric(observed)), new(Format.Metric(error))]);
        }

        plots.AddRange(tierPlots);
        html.Grid(tierPlots);
        html.Table("Calibration by tier", ["tier", "mean predicted probability", "observed share", "ECE"], rows, "calibration-summary");
    }

    private static void ArtistGrouped(HtmlWriter html, List<RenderedPlot> plots, ModelMetrics metrics)
    {
        html.Heading(3, "Unseen artists", "artist-grouped");
        if (metrics.ArtistGrouped is not { } grouped)
        {
            html.Note("The card has no artist-grouped figures: the run skipped them.");
            return;
        }

        html.Paragraph(
            $"A model with the same settings, trained and tested with no artist on both sides ({grouped.Description}; " +
            $"{Format.Count(grouped.TrainRows)} training, {Format.Count(grouped.TestRows)} held-out tracks).");
        var plot = ArtistGroupedPlot.Render(metrics, grouped);
        plots.Add(plot);
        html.Figure(plot);
        html.Table(
            "Per-tier F1: stratified split and unseen artists",
            ["tier", "F1 stratified", "F1 unseen artists", "recall stratified", "recall unseen artists"],
            metrics.PerTier.Keys.Where(grouped.PerTier.ContainsKey).Select(t => (IReadOnlyList<Cell>)
            [
                new(t), new(Format.Metric(metrics.PerTier[t].F1)), new(Format.Metric(grouped.PerTier[t].F1)),
                new(Format.Metric(metrics.PerTier[t].Recall)), new(Format.Metric(grouped.PerTier[t].Recall)),
            ]),
            "artist-grouped-tiers");
    }
}
