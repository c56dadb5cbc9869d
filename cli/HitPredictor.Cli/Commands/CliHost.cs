using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// The services a store command (<c>publish</c>, <c>retrain</c>, <c>models</c>, <c>catalog</c>) runs on: a host with the app's own
/// registrations (<see cref="RetrainingServiceCollectionExtensions.AddHitPredictorRetraining"/>, which adds serving, and
/// <see cref="CatalogServiceCollectionExtensions.AddHitPredictorCatalog"/>),
/// configured from the command's options through the keys the app reads (<see cref="StoreLocation.Settings"/>), its
/// options validated before anything runs. A setting out of range is a usage error (exit 2), as <c>train</c>'s are.
/// </summary>
internal sealed class CliHost : IDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    /// <param name="store">The <c>--store</c> argument: a folder or a storage connection string.</param>
    /// <param name="modelsContainer">The <c>--container</c> argument.</param>
    /// <param name="settings">Further settings by configuration key (e.g. <c>Retraining:Trees</c>).</param>
    public static CliHost Create(string store, string modelsContainer, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(StoreLocation.Settings(store, modelsContainer));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddHitPredictorRetraining(builder.Configuration);
        builder.Services.AddHitPredictorCatalog(builder.Configuration);
        var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException)
        {
            host.Dispose();
            throw;
        }

        return new CliHost(host);
    }

    /// <summary>The model store the options name.</summary>
    public IModelStore Models => Get<IModelStore>();

    /// <summary>The model, report, index and lock stores retraining uses, over the same location.</summary>
    public RetrainStores RetrainStores => Get<RetrainStores>();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose() => _host.Dispose();
}
