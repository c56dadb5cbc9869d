using System.Text.Json;
using System.CommandLine;
using HitPredictor.Cli.Output;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor evaluate</c>: a saved model's figures on a labelled CSV, cleaned the way the model's
/// training data was (its excluded genres, deduplication) and tiered with the model's cut-offs.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var data = new Option<FileInfo?>("--data") { Description = "Labelled tracks CSV (with popularity). Default: the built-in sample." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (accuracy, macroF1, logLoss, perTier, calibration, predictionSets) instead of tables." };
        var command = new Command("evaluate", "Measure a saved model on a labelled CSV.") { model, data, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var ml = new MLContext(0);
            var package = ModelPackage.Load(ml, parse.GetValue(model)!.FullName);
            var card = package.Card;
            var path = BuiltInData.Resolve(parse.GetValue(data));
            var loaded = await TrainingData.LoadAsync(
                path, FeatureSet.FromNames(card.Features), new HygieneOptions { ExcludedGenres = card.Hygiene.ExcludedGenres }, cancellationToken);

            var cutoffs = new TierCutoffs(card.Tiers.Cutoffs.Viral, card.Tiers.Cutoffs.Hit, card.Tiers.Cutoffs.Mid);
            var known = card.Genres.ToHashSet(StringComparer.Ordinal);
            var tracks = loaded.Clean.Tracks
                .Where(t => known.Contains(t.Genre))
                .Select(t => new LabelledTrack(t, cutoffs.Classify(t.Popularity!.Value)))
                .ToArray();
            var unknown = loaded.Clean.Tracks.Count - tracks.Length;
            if (tracks.Length == 0)
            {
                throw new UsageException($"No track in {Path.GetFileName(path)} has a genre the model knows; nothing to evaluate.");
            }

            var evaluation = HoldoutEvaluator.Evaluate(ml, package, tracks);
            var metrics = evaluation.Metrics;
            var shares = TierCutoffs.All.Select(t => (float)card.Tiers.Shares[t.ToString()]).ToArray();
            var baseline = MetricsCalculator.Baseline(shares, [.. tracks.Select(t => t.Tier)]);

            var trainingDataset = loaded.Dataset.Sha256 == card.Dataset.Sha256;
            if (parse.GetValue(json))
            {
                var report = EvaluationReport.From(card, Path.GetFileName(path), evaluation, baseline, trainingDataset);
                Console.WriteLine(JsonSerializer.Serialize(report, ModelCardJson.Options));
                return;
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Model {card.Version} on {Path.GetFileName(path)}: {loaded.Clean.Counts.RowsRead:N0} rows read, {loaded.Clean.Counts.RejectedRows:N0} rejected, {tracks.Length:N0} evaluated after hygiene.");
            if (unknown > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{unknown:N0} track(s) skipped: genre unknown to the model.[/]");
            }

            if (trainingDataset)
            {
                AnsiConsole.MarkupLine("[yellow]This is the model's own training dataset: most of these tracks were seen in training, so these figures flatter it. The card's held-out figures are the honest ones.[/]");
            }

            ModelSummary.WriteMetrics(metrics.Accuracy, metrics.MacroF1, metrics.LogLoss, metrics.PerTier, baseline, $"{metrics.Rows:N0} labelled tracks");
            ModelSummary.WriteCalibration(evaluation.Calibration, evaluation.PredictionSets);
        }));
        return command;
    }
}
