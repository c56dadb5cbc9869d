using HitPredictor.Serving;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HitPredictor.Functions;

/// <summary>The app's service graph, in one place, so the integration tests build exactly what Program.cs builds.</summary>
public static class AppServices
{
    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        services.AddHitPredictorServing(configuration);
        services.AddHitPredictorRetraining(configuration);
        services.AddHitPredictorCatalog(configuration);
        return services;
    }
}
