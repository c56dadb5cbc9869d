using Azure.Storage.Blobs;
using HitPredictor.Serving.Catalog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Functions;

/// <summary>
/// A catalog uploaded to <c>scoring/{name}</c> (Event Grid source, as for retraining): the service hashes it, pins the live
/// model version, splits it into chunks and queues them for <see cref="ScoreChunkFunction"/>. Only <c>.csv</c> names start a
/// run (<see cref="CsvUploads"/>).
/// </summary>
public sealed class ScoreCatalogFunction(CatalogService service, ILogger<ScoreCatalogFunction> logger)
{
    public const string Name = "ScoreCatalog";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(CatalogNames.Scoring + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "ModelStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        if (CsvUploads.Accept(blob, name, Name, logger) is { } upload)
        {
            await service.ScoreUploadAsync(upload, cancellationToken);
        }
    }
}
