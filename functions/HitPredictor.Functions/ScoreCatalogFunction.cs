using Azure.Storage.Blobs;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Functions;

/// <summary>
/// A catalog uploaded to <c>scoring/{name}</c> (Event Grid source, as for retraining): the service hashes it, pins the live
/// model version, splits it into chunks and queues them for <see cref="ScoreChunkFunction"/>. Only <c>.csv</c> names start a run.
/// </summary>
public sealed partial class ScoreCatalogFunction(CatalogService service, ILogger<ScoreCatalogFunction> logger)
{
    public const string Name = "ScoreCatalog";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(CatalogNames.Scoring + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "ModelStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            Log.Ignored(logger, name);
            return;
        }

        await service.ScoreUploadAsync(DatasetSource.FromBlob(blob, name), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ignored upload {Name}: only .csv files are scored", EventName = "CatalogUploadIgnored")]
        public static partial void Ignored(ILogger logger, string name);
    }
}
