using HitPredictor.Serving.Catalog;
using Microsoft.Azure.Functions.Worker;

namespace HitPredictor.Functions;

/// <summary>
/// One chunk of a catalog run, from the <c>catalog-chunks</c> queue: scored with the run's pinned model version; the
/// delivery that finishes the run's last chunk merges <c>scored/{name}</c> and its report. A failure throws, so the queue
/// delivers the chunk again, until its last delivery (<c>Catalog:MaxChunkAttempts</c>, host.json's <c>maxDequeueCount</c>),
/// which records it as failed instead.
/// </summary>
public sealed class ScoreChunkFunction(CatalogService service)
{
    public const string Name = "ScoreChunk";

    [Function(Name)]
    public Task RunAsync(
        [QueueTrigger(CatalogNames.Queue, Connection = "ModelStorage")] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        service.ScoreChunkAsync(ChunkMessage.Parse(message), dequeueCount, cancellationToken);
}
