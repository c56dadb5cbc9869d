using System.Text;
using HitPredictor.Reporting;

namespace HitPredictor.Serving.Retraining;

/// <summary>Reports in a folder: <c>{root}/{reports}/{dataset}/{run}.json</c>, written beside and moved into place.</summary>
internal sealed class FolderReportStore(string root, string reportsContainer) : IReportStore
{
    private readonly string _reports = Path.GetFullPath(Path.Combine(root, reportsContainer));

    public string Locate(string dataset, string runId) => Path.Combine(_reports, ReportPaths.Report(dataset, runId));

    public async Task WriteAsync(RetrainReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var path = Locate(report.Dataset, report.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, RetrainReportJson.Serialize(report), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_reports, ReportPaths.SectionFolder(dataset, runId));
        var result = await ModelSection.WriteAsync(section, folder, cancellationToken: cancellationToken);
        return result.HtmlPath;
    }
}
