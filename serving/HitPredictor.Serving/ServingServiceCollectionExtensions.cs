using HitPredictor.Serving.Audio;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Page;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the scoring service: options (section <c>Serving</c>, validated at start), the store location
    /// parsed once from configuration and the model store over it, the engine pool, the refresher and its background service (which loads the
    /// first model and polls), the HTTP handlers and the web page. No I/O here; calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddHitPredictorServing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StoreLocation.FromConfiguration(configuration, sp.GetRequiredService<IOptions<ServingOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<StoreLocation>().CreateModelStore(sp.GetRequiredService<IOptions<ServingOptions>>().Value.ModelsContainer));
        services.TryAddSingleton(sp => new EnginePool(
            sp.GetRequiredService<IOptions<ServingOptions>>().Value.PoolSize,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EnginePool>>()));
        services.TryAddSingleton(sp => new ModelRefresher(
            sp.GetRequiredService<IModelStore>(),
            sp.GetRequiredService<EnginePool>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ModelRefresher>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelRefreshService>());
        services.TryAddSingleton<ExpensiveRequestGate>();
        services.TryAddSingleton<ScoreHandler>();
        services.TryAddSingleton<AnalysisGate>();
        services.TryAddSingleton<AnalyzeHandler>();
        services.TryAddSingleton<ModelHandler>();
        services.TryAddSingleton<HealthHandler>();
        services.TryAddSingleton<ModelsHandler>();
        services.TryAddSingleton<OpenApiHandler>();
        services.AddHitPredictorPage();
        services.AddHitPredictorApiAccess();
        return services;
    }
}
