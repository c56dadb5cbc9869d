using System.Net;
using Azure;
using Azure.Storage.Queues;

namespace HitPredictor.Serving.Catalog;

/// <summary>An Azure Storage queue (base64 messages, as the Functions queue trigger reads them); created on first send where the identity may.</summary>
internal sealed class StorageChunkQueueClient(QueueClient queue, TimeSpan visibility) : IChunkQueueClient
{
    private readonly Lazy<Task> _created = new(() => CreateAsync(queue));

    public string Description => queue.Uri.GetLeftPart(UriPartial.Path);

    public async Task SendAsync(ChunkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(message.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChunkDelivery?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var received = await queue.ReceiveMessageAsync(visibility, cancellationToken).ConfigureAwait(false);
            return received.Value is { } message
                ? new ChunkDelivery(ChunkMessage.Parse(message.Body.ToString()), message.DequeueCount, message.MessageId, message.PopReceipt)
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task CompleteAsync(ChunkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await queue.DeleteMessageAsync(delivery.MessageId, delivery.Receipt, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(ChunkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await queue.UpdateMessageAsync(delivery.MessageId, delivery.Receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task RecoverAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CreateAsync(QueueClient queue)
    {
        try
        {
            await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            // Not allowed to create queues (a data-plane role only): infra created it.
        }
    }
}
