using HitPredictor.Reporting.Analysis;
using HitPredictor.Reporting.Html;
using HitPredictor.Reporting.Plots;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Reporting;

/// <summary>
/// Builds the EDA and model report: reads and cleans the dataset, analyses it before and after hygiene, and, given a
/// model, rebuilds the model's held-out split, re-scores it for calibration and shows the card's figures. Writes
/// <c>report.html</c> (self-contained) and every plot as a PNG file.
/// </summary>
public static class ReportBuilder
{
    public const string HtmlFileName = "report.html";

    public static async Task<ReportResult> BuildAsync(
        ReportRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<string>();
        if (!PlotCanvas.HasFonts)
        {
            notes.Add("No system fonts were found, so the plots have no text; install a font package (Debian: fonts-dejavu-core).");
        }

        ModelPackage? package = null;
        MLContext? ml = null;
        if (request.ModelDirectory is { } modelDirectory)
        {
            progress?.Report("Loading the model from " + modelDirectory);
            ml = new MLContext(seed: 0);
            package = ModelPackage.Load(ml, modelDirectory);
        }

        var card = package?.Card;
        var features = card is null ? FeatureSet.Default : FeatureSet.FromNames(card.Features);
        var hygiene = card is null ? request.Hygiene : new HygieneOptions { ExcludedGenres = [.. card.Hygiene.ExcludedGenres] };
        var cutoffs = card is null ? request.Cutoffs : new TierCutoffs(card.Tiers.Cutoffs.Viral, card.Tiers.Cutoffs.Hit, card.Tiers.Cutoffs.Mid);

        progress?.Report("Reading and cleaning " + Path.GetFileName(request.DataPath));
        var data = await TrainingData.LoadAsync(request.DataPath, features, hygiene, cancellationToken).ConfigureAwait(false);

        progress?.Report("Analysing the dataset before and after hygiene");
        var analysis = DatasetAnalyzer.Analyze(data, features, cutoffs, cancellationToken);
        var datasetSection = DatasetSection.Render(analysis, progress, cancellationToken);

        var html = new HtmlWriter()
            .Heading(1, "Hit Predictor report")
            .Paragraph(
                FormattableString.Invariant($"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC for {data.Dataset.Name}") +
                (card is null ? "." : $" and model {card.Version}."),
                "meta");
        foreach (var note in notes)
        {
            html.Note(note);
        }

        html.Fragment(datasetSection.Html);
        var plots = new List<RenderedPlot>(datasetSection.Plots);
        if (package is not null && ml is not null)
        {
            var input = HeldOut(ml, package, data, cutoffs, progress, cancellationToken);
            if (input.EvaluationNote is { } note)
            {
                notes.Add(note);
            }

            var modelSection = ModelSectionHtml.Render(input, progress, cancellationToken);
            html.Fragment(modelSection.Html);
            plots.AddRange(modelSection.Plots);
        }

        progress?.Report(FormattableString.Invariant($"Writing {HtmlFileName} and {plots.Count} plots to {request.OutputDirectory}"));
        return await ReportFiles.WriteAsync(
            request.OutputDirectory, HtmlFileName, html.ToPage("Hit Predictor report: " + data.Dataset.Name), plots, notes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The model's own held-out tracks, re-scored: the same stratified split as training when the dataset is the one
    /// the model was trained on, otherwise every clean track (and a note saying so).
    /// </summary>
    private static ModelSectionInput HeldOut(
        MLContext ml, ModelPackage package, TrainingData data, TierCutoffs cutoffs, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var card = package.Card;
        var labelled = data.Clean.Tracks.Select(t => new LabelledTrack(t, cutoffs.Classify(t.Popularity!.Value))).ToArray();
        string? note = null;
        IReadOnlyList<LabelledTrack> evaluation;
        if (string.Equals(data.Dataset.Sha256, card.Dataset.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            progress?.Report("Rebuilding the model's held-out split");
            evaluation = DataSplitter.Stratified(labelled, card.Split.TestFraction, card.Split.Seed).Test;
            if (evaluation.Count != card.Split.TestRows)
            {
                note = FormattableString.Invariant(
                    $"The rebuilt held-out split has {evaluation.Count:N0} tracks but the card says {card.Split.TestRows:N0}; the calibration plots may not match the card's figures.");
            }
        }
        else
        {
            evaluation = labelled;
            note = FormattableString.Invariant(
                $"The model is evaluated on a different dataset than it was trained on ({data.Dataset.Name}, SHA-256 {Short(data.Dataset.Sha256)}, not {card.Dataset.Name}, {Short(card.Dataset.Sha256)}): calibration uses all {evaluation.Count:N0} clean tracks, while the figures below are the card's, from its own held-out split.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(FormattableString.Invariant($"Scoring {evaluation.Count:N0} held-out tracks"));
        var probabilities = ModelScorer.CalibratedProbabilities(ml, package, evaluation.Select(t => ModelInput.From(t.Track)));
        return new ModelSectionInput(card, [.. evaluation.Select(t => t.Tier)], probabilities) { EvaluationNote = note };
    }

    private static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] + "..." : sha256;
}
