using HitPredictor.Reporting.Html;
using HitPredictor.Training.Evaluation;

namespace HitPredictor.Reporting;

/// <summary>
/// Writes only the model section: its plots as PNG files and <c>model.html</c>, one self-contained page. Retraining
/// calls it with the card and held-out predictions it already has, so nothing is read from disk.
/// </summary>
public static class ModelSection
{
    public const string HtmlFileName = "model.html";

    public static async Task<ReportResult> WriteAsync(
        ModelSectionInput input, string directory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var section = ModelSectionHtml.Render(input, progress, cancellationToken);
        var page = new HtmlWriter().Fragment(section.Html).ToPage($"Hit Predictor model {input.Card.Version}");
        return await ReportFiles.WriteAsync(directory, HtmlFileName, page, section.Plots, [], cancellationToken).ConfigureAwait(false);
    }
}
