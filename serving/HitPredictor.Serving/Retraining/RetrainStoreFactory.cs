using Azure.Storage.Blobs;
using HitPredictor.Serving.Storage;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Builds the retraining stores over the same <see cref="StoreLocation"/> as the model store: its folder, or its
/// account (containers <c>models</c> and <c>reports</c> by default). No I/O.
/// </summary>
public static class RetrainStoreFactory
{
    /// <summary>The retraining stores at <paramref name="location"/>, beside <paramref name="models"/> (the model store there).</summary>
    public static RetrainStores Create(StoreLocation location, IModelStore models, ServingOptions serving, RetrainingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Service is { } service
            ? ForService(service, models, serving, options, time)
            : ForFolder(location.Folder!, models, serving, time);
    }

    public static RetrainStores ForFolder(string root, IModelStore models, ServingOptions serving, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(serving);
        return new RetrainStores(
            models,
            new FolderReportStore(root, serving.ReportsContainer),
            new FolderDatasetIndex(root, serving.ModelsContainer),
            new FolderRetrainLock(root, serving.ModelsContainer, time));
    }

    public static RetrainStores ForService(BlobServiceClient service, IModelStore models, ServingOptions serving, RetrainingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(options);
        var modelsContainer = service.GetBlobContainerClient(serving.ModelsContainer);
        return new RetrainStores(
            models,
            new BlobReportStore(service.GetBlobContainerClient(serving.ReportsContainer)),
            new BlobDatasetIndex(modelsContainer),
            new BlobRetrainLock(modelsContainer, TimeSpan.FromSeconds(options.LeaseSeconds), time));
    }
}
