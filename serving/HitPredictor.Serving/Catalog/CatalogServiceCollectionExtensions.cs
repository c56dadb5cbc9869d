using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Registers catalog scoring: options (section <c>Catalog</c>, validated at start), its files and queue over the
    /// model store's folder (a folder-backed queue) or account (a Storage queue), the splitter, scoring slots, worker, merger and
    /// <see cref="CatalogService"/>. Needs <see cref="ServingServiceCollectionExtensions.AddHitPredictorServing"/> (it adds it). No I/O.
    /// </summary>
    public static IServiceCollection AddHitPredictorCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHitPredictorServing(configuration);
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>());
        services.TryAddSingleton<ICatalogFiles>(sp => sp.GetRequiredService<StoreLocation>() is { Service: { } service }
            ? new BlobCatalogFiles(service)
            : new FolderCatalogFiles(sp.GetRequiredService<StoreLocation>().Folder!));
        services.TryAddSingleton<IChunkQueueClient>(sp => sp.GetRequiredService<StoreLocation>() is { Queues: { } queues }
            ? new StorageChunkQueueClient(queues.GetQueueClient(CatalogNames.Queue), TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.VisibilitySeconds))
            : new FolderChunkQueueClient(sp.GetRequiredService<StoreLocation>().Folder!, CatalogNames.Queue));
        services.TryAddSingleton<PinnedModels>();
        services.TryAddSingleton<CatalogSplitter>();
        services.TryAddSingleton<CatalogMerger>();
        services.TryAddSingleton<ScoringSlots>();
        services.TryAddSingleton<ChunkWorker>();
        services.TryAddSingleton<CatalogService>();
        return services;
    }
}
