using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// Loads the current model in the background at start-up (requests meanwhile get 503 with Retry-After), then
/// checks the pointer every <see cref="ServingOptions.PollSeconds"/> on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ModelRefreshService(
    ModelRefresher refresher, IOptions<ServingOptions> options, TimeProvider timeProvider, ILogger<ModelRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: the first load must not hold up start-up.
        await Task.Yield();
        try
        {
            await refresher.RefreshAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), timeProvider);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await refresher.RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopped(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Model polling stopped", EventName = "PollingStopped")]
        public static partial void Stopped(ILogger logger);
    }
}
