using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Retraining;

public static class RetrainingServiceCollectionExtensions
{
    /// <summary>
    /// Registers retraining on upload: options (section <c>Retraining</c>, validated at start), the retraining stores
    /// over the model store's account or folder, and <see cref="RetrainService"/>. Needs
    /// <see cref="ServingServiceCollectionExtensions.AddHitPredictorServing"/> (it adds it). No I/O; calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddHitPredictorRetraining(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHitPredictorServing(configuration);
        services.AddOptions<RetrainingOptions>().Bind(configuration.GetSection(RetrainingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrainingOptions>, RetrainingOptionsValidator>());
        services.TryAddSingleton(sp => RetrainStoreFactory.Create(
            sp.GetRequiredService<StoreLocation>(),
            sp.GetRequiredService<IModelStore>(),
            sp.GetRequiredService<IOptions<ServingOptions>>().Value,
            sp.GetRequiredService<IOptions<RetrainingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RetrainService(
            sp.GetRequiredService<RetrainStores>(),
            sp.GetRequiredService<IOptions<RetrainingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RetrainService>>(),
            sp.GetRequiredService<EnginePool>()));
        return services;
    }
}
