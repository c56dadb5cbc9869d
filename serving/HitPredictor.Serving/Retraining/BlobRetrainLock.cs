using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The lock as a blob lease on <c>models/retrain.lock</c>: one holder across every instance. The lease is finite
/// (so a killed instance frees it within <c>LeaseSeconds</c>) and renewed every third of that while the run lasts;
/// a failed renewal cancels <see cref="IRetrainLease.Lost"/>.
/// </summary>
internal sealed class BlobRetrainLock(BlobContainerClient container, TimeSpan duration, TimeProvider time) : IRetrainLock
{
    public const string BlobName = "retrain.lock";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public async Task<IRetrainLease?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await ContainerGuard.EnsureAsync(container, cancellationToken);
        var blob = container.GetBlobClient(BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // It exists already (and may be leased).
        }

        var lease = blob.GetBlobLeaseClient();
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
                return new Lease(lease, duration / 3, time);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                return null;
            }
        }
    }

    private sealed class Lease : IRetrainLease
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Lease(BlobLeaseClient lease, TimeSpan every, TimeProvider time)
        {
            _lease = lease;
            _renewing = RenewAsync(every, time);
        }

        public CancellationToken Lost => _lost.Token;

        private async Task RenewAsync(TimeSpan every, TimeProvider time)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(every, time, _stop.Token);
                    await _lease.RenewAsync(cancellationToken: _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Released.
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
            {
                await _lost.CancelAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
                // Already expired or taken: nothing to release.
            }

            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
