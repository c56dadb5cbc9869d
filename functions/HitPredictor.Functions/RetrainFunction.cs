using Azure.Storage.Blobs;
using HitPredictor.Serving.Retraining;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Functions;

/// <summary>
/// A dataset uploaded to <c>datasets/{name}</c> (Event Grid source, as the Flex Consumption plan requires): retrain,
/// gate, promote, report. The blob is bound as a <see cref="BlobClient"/> so the service streams it. Delivery is at least
/// once; the service skips content it trained before. Only <c>.csv</c> names start a run (<see cref="CsvUploads"/>).
/// </summary>
public sealed class RetrainFunction(RetrainService service, ILogger<RetrainFunction> logger)
{
    public const string Name = "Retrain";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger("datasets/{name}", Source = BlobTriggerSource.EventGrid, Connection = "ModelStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        if (CsvUploads.Accept(blob, name, Name, logger) is { } upload)
        {
            await service.RunAsync(upload, cancellationToken);
        }
    }
}
