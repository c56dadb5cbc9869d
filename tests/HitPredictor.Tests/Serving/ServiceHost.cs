using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Tests.Serving;

/// <summary>
/// The service built as <c>hitpredictor serve</c> builds it (log defaults, registrations, pipeline) on an in-memory
/// TestServer over a folder store holding the sample model as <c>v1</c>, its logs collected. Ready once built.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly WebApplication _app;

    private ServiceHost(TempDirectory folder, WebApplication app, LogRecorder logs)
    {
        _folder = folder;
        _app = app;
        Client = app.GetTestClient();
        Logs = logs;
    }

    public HttpClient Client { get; }

    public LogRecorder Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServiceHost> StartAsync(SampleModelFixture sample, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var folder = new TempDirectory();
        await ServingTestData.PublishAsync(ModelStoreFactory.ForFolder(folder.Path), sample, "v1");
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new LogRecorder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serving:StoreFolder"] = folder.Path,
            ["Serving:PollSeconds"] = "3600",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddHitPredictorLogDefaults();
        builder.WebHost.UseTestServer();
        builder.Services.AddHitPredictorServing(builder.Configuration);
        var app = builder.Build();
        app.UseHitPredictorServing();
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<ModelRefresher>().RefreshAsync(cancellationToken);
        return new ServiceHost(folder, app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
