using System.Text;
using HitPredictor.Reporting.Plots;

namespace HitPredictor.Reporting;

/// <summary>Writes a page and its plots into a folder.</summary>
internal static class ReportFiles
{
    public static async Task<ReportResult> WriteAsync(
        string directory, string htmlFileName, string page, IEnumerable<RenderedPlot> plots, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var plotPaths = new List<string>();
        foreach (var plot in plots)
        {
            var path = Path.Combine(directory, plot.FileName);
            await File.WriteAllBytesAsync(path, plot.Png, cancellationToken).ConfigureAwait(false);
            plotPaths.Add(path);
        }

        var htmlPath = Path.Combine(directory, htmlFileName);
        await File.WriteAllTextAsync(htmlPath, page, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        return new ReportResult(htmlPath, plotPaths, notes);
    }
}
