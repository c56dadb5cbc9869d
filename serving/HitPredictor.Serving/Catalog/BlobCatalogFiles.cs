using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace HitPredictor.Serving.Catalog;

/// <summary>Catalog files as blobs of one account; a container is created on first write where the identity may (else infra made it).</summary>
internal sealed class BlobCatalogFiles(BlobServiceClient service) : ICatalogFiles
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new(StringComparer.Ordinal);

    public string Description => service.Uri.GetLeftPart(UriPartial.Path);

    public async Task<long?> GetSizeAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(container, name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Blob(container, name).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"{container}/{name} is not in {Description}.", ex);
        }
    }

    public async Task WriteAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await EnsureAsync(container, cancellationToken).ConfigureAwait(false);
        var blob = service.GetBlobContainerClient(container).GetBlockBlobClient(name);
        await using var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await write(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryCreateAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await EnsureAsync(container, cancellationToken).ConfigureAwait(false);
        try
        {
            await Blob(container, name).UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = service.GetBlobContainerClient(container);
        var pages = client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false);
        await using var items = pages.GetAsyncEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            yield return items.Current.Name;
        }
    }

    private BlobClient Blob(string container, string name) => service.GetBlobContainerClient(container).GetBlobClient(name);

    private Task EnsureAsync(string container, CancellationToken cancellationToken) =>
        _ensured.GetOrAdd(container, c => new Lazy<Task>(() => Retraining.ContainerGuard.EnsureAsync(service.GetBlobContainerClient(c), CancellationToken.None))).Value.WaitAsync(cancellationToken);
}
