using System.Text;
using HitPredictor.Training.Evaluation;

namespace HitPredictor.Serving.Retraining;

/// <summary>Reports in a folder: <c>{root}/{reports}/{dataset}/{run}.json</c>, written beside and moved into place.</summary>
internal sealed class FolderReportStore(string root, string reportsContainer) : IReportStore
{
    private readonly string _reports = Path.GetFullPath(Path.Combine(root, reportsContainer));

    public string Locate(string dataset, string runId) => Path.Combine(_reports, ReportPaths.Report(dataset, runId));

    public string LocateRollback(string runId) => Path.Combine(_reports, ReportPaths.Rollback(runId));

    public Task WriteAsync(RetrainReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return WriteFileAsync(Locate(report.Dataset, report.RunId), RetrainReportJson.Serialize(report), cancellationToken);
    }

    public Task WriteRollbackAsync(RollbackRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteFileAsync(LocateRollback(record.RunId), RetrainReportJson.Serialize(record), cancellationToken);
    }

    public async Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = Path.Combine(_reports, ReportPaths.SectionFolder(dataset, runId), ModelSectionInput.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, section.ToJson(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static async Task WriteFileAsync(string path, string json, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, json, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
