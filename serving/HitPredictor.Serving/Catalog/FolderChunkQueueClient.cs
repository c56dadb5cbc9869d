using System.Globalization;
using System.Text.Json;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// A queue in a folder (<c>{root}/queues/{name}</c>) for the CLI's workers in one process: a message is a file in
/// <c>ready/</c>; receiving moves it (atomically: one worker wins) to <c>leased/</c> with its delivery count raised;
/// completing deletes it; releasing moves it back. <see cref="RecoverAsync"/> returns what a killed run had leased.
/// </summary>
internal sealed class FolderChunkQueueClient : IChunkQueueClient
{
    private readonly string _ready;
    private readonly string _leased;
    private long _sequence;

    public FolderChunkQueueClient(string root, string name)
    {
        var folder = Path.Combine(root, "queues", name);
        _ready = Path.Combine(folder, "ready");
        _leased = Path.Combine(folder, "leased");
        Description = Path.GetFullPath(folder);
        _sequence = DateTime.UtcNow.Ticks;
    }

    public string Description { get; }

    public async Task SendAsync(ChunkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(_ready);
        var id = string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _sequence):D20}-{Guid.NewGuid():N}");
        var temporary = Path.Combine(_ready, id + ".tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new StoredMessage(message, 0)), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, Path.Combine(_ready, id + ".json"));
    }

    public async Task<ChunkDelivery?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_ready))
        {
            return null;
        }

        Directory.CreateDirectory(_leased);
        foreach (var file in Directory.EnumerateFiles(_ready, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var leased = Path.Combine(_leased, id + ".json");
            try
            {
                File.Move(file, leased);
            }
            catch (Exception ex) when (ex is FileNotFoundException or IOException)
            {
                continue;
            }

            var stored = JsonSerializer.Deserialize<StoredMessage>(await File.ReadAllTextAsync(leased, cancellationToken).ConfigureAwait(false))!;
            stored = stored with { DequeueCount = stored.DequeueCount + 1 };
            await File.WriteAllTextAsync(leased, JsonSerializer.Serialize(stored), cancellationToken).ConfigureAwait(false);
            return new ChunkDelivery(stored.Message, stored.DequeueCount, id, leased);
        }

        return null;
    }

    public Task CompleteAsync(ChunkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        File.Delete(delivery.Receipt);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(ChunkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        File.Move(delivery.Receipt, Path.Combine(_ready, delivery.MessageId + ".json"));
        return Task.CompletedTask;
    }

    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(_leased))
        {
            Directory.CreateDirectory(_ready);
            foreach (var file in Directory.EnumerateFiles(_leased, "*.json"))
            {
                File.Move(file, Path.Combine(_ready, Path.GetFileName(file)), overwrite: true);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record StoredMessage(ChunkMessage Message, long DequeueCount);
}
