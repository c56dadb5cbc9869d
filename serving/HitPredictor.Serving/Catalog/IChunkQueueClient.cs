namespace HitPredictor.Serving.Catalog;

/// <summary>
/// The queue the chunks of a run go through, delivered at least once: a received message is invisible to other workers
/// until it is completed (deleted) or released (visible again, to be delivered once more). In the Functions app the queue
/// trigger receives; <see cref="ReceiveAsync"/> is for the CLI's workers.
/// </summary>
public interface IChunkQueueClient
{
    /// <summary>Where the queue is, for messages (never a secret).</summary>
    string Description { get; }

    Task SendAsync(ChunkMessage message, CancellationToken cancellationToken);

    /// <summary>The next visible message, or <see langword="null"/> when there is none now.</summary>
    Task<ChunkDelivery?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>The message is done with: it is deleted.</summary>
    Task CompleteAsync(ChunkDelivery delivery, CancellationToken cancellationToken);

    /// <summary>The attempt failed: the message becomes visible again, for another delivery.</summary>
    Task ReleaseAsync(ChunkDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Makes visible again the messages a stopped process had received and not settled (a folder queue moves them back;
    /// a Storage queue does it by itself when their visibility timeout ends).
    /// </summary>
    Task RecoverAsync(CancellationToken cancellationToken);
}
