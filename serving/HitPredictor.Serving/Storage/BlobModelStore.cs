using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// The store in Blob Storage: one container (<c>models</c> by default) holding <c>{version}/model.zip</c>,
/// <c>{version}/card.json</c> and <c>current.json</c>. Versions are written with If-None-Match <c>*</c> (never
/// overwritten); the pointer with If-Match on the ETag it was read with, so two writers cannot both win.
/// </summary>
internal sealed class BlobModelStore(BlobContainerClient container) : IModelStore
{
    private volatile bool _containerReady;

    public string Description => $"blob container {container.Uri.GetLeftPart(UriPartial.Path)}";

    public async Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Pointer.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag.ToString("H");
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await Pointer.DownloadContentAsync(cancellationToken);
            return ModelPointer.Parse(content.Value.Content.ToString(), content.Value.Details.ETag.ToString("H"));
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken)
    {
        Check(version);
        try
        {
            var model = await container.GetBlobClient($"{version}/{ModelPackage.ModelFileName}").DownloadContentAsync(cancellationToken);
            var card = await container.GetBlobClient($"{version}/{ModelPackage.CardFileName}").DownloadContentAsync(cancellationToken);
            return new StoredModel(version, model.Value.Content.ToMemory(), card.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new ModelNotFoundException(
                $"Version '{version}' is not complete in {Description}: it needs {ModelPackage.ModelFileName} and {ModelPackage.CardFileName}.", ex);
        }
    }

    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One flat listing: a version is complete once its card is there (PutAsync writes the card last).
        var suffix = "/" + ModelPackage.CardFileName;
        IAsyncEnumerator<BlobItem>? blobs = null;
        try
        {
            blobs = container.GetBlobsAsync(cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await MoveNextAsync(blobs))
            {
                var name = blobs.Current.Name;
                if (name.EndsWith(suffix, StringComparison.Ordinal) && name.IndexOf('/', StringComparison.Ordinal) == name.Length - suffix.Length
                    && ModelPointer.IsValidVersion(name[..^suffix.Length]))
                {
                    yield return new StoredVersion(name[..^suffix.Length], blobs.Current.Properties.LastModified ?? DateTimeOffset.MinValue);
                }
            }
        }
        finally
        {
            if (blobs is not null)
            {
                await blobs.DisposeAsync();
            }
        }
    }

    public async Task<string> ReadCardAsync(string version, CancellationToken cancellationToken)
    {
        Check(version);
        try
        {
            var card = await container.GetBlobClient($"{version}/{ModelPackage.CardFileName}").DownloadContentAsync(cancellationToken);
            return card.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new ModelNotFoundException($"Version '{version}' has no {ModelPackage.CardFileName} in {Description}.", ex);
        }
    }

    /// <summary>A container that does not exist yet holds no versions.</summary>
    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<BlobItem> blobs)
    {
        try
        {
            return await blobs.MoveNextAsync();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
    {
        Check(version);
        await EnsureContainerAsync(cancellationToken);
        var create = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            // The card last: a version whose card is there is complete.
            await container.GetBlobClient($"{version}/{ModelPackage.ModelFileName}")
                .UploadAsync(new BinaryData(modelZip), create, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }

        await container.GetBlobClient($"{version}/{ModelPackage.CardFileName}")
            .UploadAsync(BinaryData.FromString(cardJson), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
        return true;
    }

    public async Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken)
    {
        Check(version);
        await EnsureContainerAsync(cancellationToken);
        var json = ModelPointer.Serialize(version, DateTimeOffset.UtcNow);
        var conditions = expectedETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };
        try
        {
            var written = await Pointer.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
            return ModelPointer.Parse(json, written.Value.ETag.ToString("H"));
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            throw new PointerConflictException(
                $"{ModelPointer.FileName} in {Description} changed since it was read (expected ETag {expectedETag ?? "none"}).", ex);
        }
    }

    private BlobClient Pointer => container.GetBlobClient(ModelPointer.FileName);

    /// <summary>Creates the container on first write where the identity may; where it may not, it must exist already.</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            // Not allowed to create containers (a data-plane role only): infra creates them.
        }

        _containerReady = true;
    }

    private static void Check(string version)
    {
        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ArgumentException($"'{version}' is not a valid version.", nameof(version));
        }
    }
}
