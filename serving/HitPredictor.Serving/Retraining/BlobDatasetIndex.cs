using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace HitPredictor.Serving.Retraining;

/// <summary>Markers as blobs in the models container: <c>datasets/{sha256}.json</c>.</summary>
internal sealed class BlobDatasetIndex(BlobContainerClient container) : IDatasetIndex
{
    public async Task<TrainedDataset?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(DatasetIndexPaths.BlobName(sha256)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<TrainedDataset>(content.Value.Content.ToString(), RetrainReportJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task RecordAsync(TrainedDataset entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await ContainerGuard.EnsureAsync(container, cancellationToken);
        await container.GetBlobClient(DatasetIndexPaths.BlobName(entry.Sha256)).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(entry, RetrainReportJson.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }
}
