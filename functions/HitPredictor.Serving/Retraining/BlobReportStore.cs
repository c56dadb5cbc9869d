using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HitPredictor.Reporting;

namespace HitPredictor.Serving.Retraining;

/// <summary>Reports in the <c>reports</c> container; the model section is drawn into a temporary folder, then uploaded file by file.</summary>
internal sealed class BlobReportStore(BlobContainerClient container) : IReportStore
{
    private volatile bool _containerReady;

    public string Locate(string dataset, string runId) => $"{container.Name}/{ReportPaths.Report(dataset, runId)}";

    public string LocateRollback(string runId) => $"{container.Name}/{ReportPaths.Rollback(runId)}";

    public Task WriteAsync(RetrainReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return UploadJsonAsync(ReportPaths.Report(report.Dataset, report.RunId), RetrainReportJson.Serialize(report), cancellationToken);
    }

    public Task WriteRollbackAsync(RollbackRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UploadJsonAsync(ReportPaths.Rollback(record.RunId), RetrainReportJson.Serialize(record), cancellationToken);
    }

    private async Task UploadJsonAsync(string name, string json, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    public async Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var prefix = ReportPaths.SectionFolder(dataset, runId);
        var temporary = Path.Combine(Path.GetTempPath(), "hitpredictor-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = await ModelSection.WriteAsync(section, temporary, cancellationToken: cancellationToken);
            foreach (var file in written.PlotPaths.Append(written.HtmlPath))
            {
                var contentType = file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "text/html; charset=utf-8";
                await using var stream = File.OpenRead(file);
                await container.GetBlobClient($"{prefix}/{Path.GetFileName(file)}").UploadAsync(
                    stream, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
            }

            return $"{container.Name}/{prefix}/{Path.GetFileName(written.HtmlPath)}";
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await ContainerGuard.EnsureAsync(container, cancellationToken);
            _containerReady = true;
        }
    }
}
