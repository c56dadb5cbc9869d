using Azure.Storage.Blobs;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Builds the retraining stores over the same place as the model store: the folder of <c>Serving:StoreFolder</c>, or
/// the <c>ModelStorage</c> connection's account (containers <c>models</c> and <c>reports</c> by default). No I/O.
/// </summary>
public static class RetrainStoreFactory
{
    public static RetrainStores Create(IConfiguration configuration, IModelStore models, ServingOptions serving, RetrainingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(serving);
        if (!string.IsNullOrWhiteSpace(serving.StoreFolder))
        {
            return ForFolder(serving.StoreFolder, models, serving, time);
        }

        var service = ModelStoreFactory.CreateServiceClient(configuration)
            ?? throw new InvalidOperationException(
                $"Retraining needs a store: set {ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)} or the {ModelStoreFactory.ConnectionName} connection.");
        return ForService(service, models, serving, options, time);
    }

    /// <summary>A folder path or a storage connection string, as <c>hitpredictor retrain --store</c> takes it.</summary>
    public static RetrainStores FromArgument(string store, ServingOptions serving, RetrainingOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        ArgumentNullException.ThrowIfNull(serving);
        if (ModelStoreFactory.LooksLikeConnectionString(store))
        {
            var service = new BlobServiceClient(store);
            return ForService(service, ModelStoreFactory.ForContainer(service.GetBlobContainerClient(serving.ModelsContainer)), serving, options, time);
        }

        return ForFolder(store, ModelStoreFactory.ForFolder(store, serving.ModelsContainer), serving, time);
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
