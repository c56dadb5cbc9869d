using System.Net;
using Azure;
using Azure.Storage.Blobs;

namespace HitPredictor.Serving.Retraining;

internal static class ContainerGuard
{
    /// <summary>Creates the container where the identity may; where it may not (a data-plane role only), infra created it.</summary>
    public static async Task EnsureAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            // Not allowed to create containers: it must exist already.
        }
    }
}
