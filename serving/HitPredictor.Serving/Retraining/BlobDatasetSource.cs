using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace HitPredictor.Serving.Retraining;

/// <summary>An uploaded blob, streamed in chunks by the SDK (never downloaded as one array).</summary>
internal sealed class BlobDatasetSource(BlobClient blob, string name) : DatasetSource
{
    private ETag? _etag;

    public override string Name => name;

    public override async Task<long?> GetSizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            _etag = properties.Value.ETag;
            return properties.Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public override async Task<Stream> OpenReadAsync(CancellationToken cancellationToken)
    {
        var options = new BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = _etag is { } etag ? new BlobRequestConditions { IfMatch = etag } : null,
        };
        return await blob.OpenReadAsync(options, cancellationToken);
    }
}
