using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HitPredictor.Training.Evaluation;

namespace HitPredictor.Serving.Retraining;

/// <summary>Reports in the <c>reports</c> container, the model section's data beside each.</summary>
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
        ArgumentNullException.ThrowIfNull(section);
        await EnsureContainerAsync(cancellationToken);
        var name = $"{ReportPaths.SectionFolder(dataset, runId)}/{ModelSectionInput.FileName}";
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(section.ToJson()),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
        return $"{container.Name}/{name}";
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
