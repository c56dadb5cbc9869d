using System.Globalization;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Data;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Packaging;
using Spectre.Console;

namespace HitPredictor.Cli.Output;

/// <summary>The end-of-training summary: counts, tier shares, metrics against the baseline, top features.</summary>
internal static class ModelSummary
{
    public static void Write(ModelCard card, TrackReadResult read)
    {
        var hygiene = new Table().Title("Data").AddColumns("step", "tracks");
        hygiene.AddRow("rows read", N(card.Hygiene.RowsRead));
        hygiene.AddRow("rejected by the reader", N(card.Hygiene.RejectedRows));
        hygiene.AddRow($"after excluding {string.Join(", ", card.Hygiene.ExcludedGenres)}", N(card.Hygiene.AfterExcludedGenres));
        hygiene.AddRow("after dropping incomplete rows", N(card.Hygiene.AfterIncomplete));
        hygiene.AddRow($"after deduplication ({N(card.Hygiene.DuplicatesRemoved)} removed)", N(card.Hygiene.AfterDeduplication));
        AnsiConsole.Write(hygiene);
        foreach (var rejected in read.Rejected.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]rejected[/] {rejected}");
        }

        var tiers = new Table().Title("Tiers").AddColumns("tier", "popularity", "tracks", "share");
        var cut = card.Tiers.Cutoffs;
        var ranges = new Dictionary<string, string>
        {
            ["Viral"] = $">= {cut.Viral}", ["Hit"] = $"{cut.Hit}-{cut.Viral - 1}", ["Mid"] = $"{cut.Mid}-{cut.Hit - 1}", ["Flop"] = $"< {cut.Mid}",
        };
        foreach (var (tier, share) in card.Tiers.Shares)
        {
            tiers.AddRow(tier, ranges[tier], N(card.Tiers.Counts[tier]), P(share));
        }

        AnsiConsole.Write(tiers);
        WriteMetrics(card.Metrics.Accuracy, card.Metrics.MacroF1, card.Metrics.LogLoss, card.Metrics.PerTier, card.Metrics.MajorityBaseline,
            $"Held-out {card.Split.TestRows:N0} tracks ({card.Split.Description})");

        if (card.Metrics.Calibration is { } calibration && card.Metrics.PredictionSets is { } sets)
        {
            WriteCalibration(calibration, sets);
        }

        var grouped = card.Metrics.ArtistGrouped;
        if (grouped is not null)
        {
            WriteMetrics(grouped.Accuracy, grouped.MacroF1, grouped.LogLoss, grouped.PerTier, grouped.MajorityBaseline,
                $"Stricter: {grouped.TestRows:N0} tracks of unseen artists ({grouped.Description})");
        }

        if (card.Comparisons.Count > 0)
        {
            var comparisons = new Table().Title("Same split, other trainers").AddColumns("trainer", "accuracy", "macro-F1", "log-loss", "Viral recall", "fit s");
            comparisons.AddRow(card.Trainer.Name + " (released)", F(card.Metrics.Accuracy), F(card.Metrics.MacroF1), F(card.Metrics.LogLoss),
                F(card.Metrics.PerTier["Viral"].Recall), card.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            foreach (var c in card.Comparisons)
            {
                comparisons.AddRow(c.Trainer, F(c.Accuracy), F(c.MacroF1), F(c.LogLoss), F(c.ViralRecall), c.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(comparisons);
        }

        if (card.Metrics.FeatureImportance.Count > 0)
        {
            var importance = new Table().Title("Top features (drop when shuffled)").AddColumns("feature", "macro-F1 drop", "accuracy drop");
            foreach (var f in card.Metrics.FeatureImportance.Take(8))
            {
                importance.AddRow(f.Feature, F(f.MacroF1Drop), F(f.AccuracyDrop));
            }

            AnsiConsole.Write(importance);
        }

        AnsiConsole.MarkupLineInterpolated($"Trained in {card.TrainingSeconds:0.0} s ({card.Trainer.Name}, {card.Split.TrainRows:N0} tracks, ML.NET {card.MlNetVersion}).");
    }

    public static void WriteMetrics(
        double accuracy, double macroF1, double logLoss, IReadOnlyDictionary<string, TierMetrics> perTier, BaselineMetrics baseline, string title)
    {
        var table = new Table().Title(title).AddColumns("", "model", $"baseline (always {baseline.Tier})");
        table.AddRow("accuracy", F(accuracy), F(baseline.Accuracy));
        table.AddRow("macro-F1", F(macroF1), F(baseline.MacroF1));
        table.AddRow("log-loss", F(logLoss), F(baseline.LogLoss));
        AnsiConsole.Write(table);

        var tiers = new Table().AddColumns("tier", "precision", "recall", "F1", "support");
        foreach (var (tier, m) in perTier)
        {
            tiers.AddRow(tier, F(m.Precision), F(m.Recall), F(m.F1), N(m.Support));
        }

        AnsiConsole.Write(tiers);
    }

    /// <summary>Per tier: expected calibration error, the largest reliability gap, and the prediction sets' coverage.</summary>
    public static void WriteCalibration(CalibrationMetrics calibration, PredictionSetMetrics sets)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(sets);
        var table = new Table()
            .Title($"Calibration ({calibration.Method}, {calibration.Bins} bins) and {sets.Level:P0} prediction sets")
            .AddColumns("tier", "ECE", "max gap", "set coverage");
        foreach (var (tier, m) in calibration.PerTier)
        {
            table.AddRow(tier, F(m.Ece), F(m.MaxGap), sets.PerTier.TryGetValue(tier, out var c) ? F(c.Coverage) : "");
        }

        table.AddRow("all", "", "", $"{F(sets.Coverage)} (mean size {sets.MeanSize.ToString("0.00", CultureInfo.InvariantCulture)})");
        AnsiConsole.Write(table);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
