using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Serving.Http;

/// <summary>
/// The edge of the service on plain ASP.NET Core (<c>hitpredictor serve</c>): <c>X-Content-Type-Options: nosniff</c> on
/// every response; an error status no handler gave a body (404 of an unknown path, 405 of a known route with another
/// method, keeping its <c>Allow</c> header) answered as problem details; an exception that escapes a handler logged and
/// answered as a 500 problem without its detail. The Functions host answers unknown paths itself.
/// </summary>
public static partial class ProblemResponses
{
    public static IApplicationBuilder UseHitPredictorProblemResponses(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResponses).FullName!);
        return app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                Log.Unhandled(logger, ex);
                response.Clear();
                response.Headers.XContentTypeOptions = "nosniff";
                await Problems.Unexpected().ExecuteAsync(context);
                return;
            }

            if (!response.HasStarted && response.StatusCode >= StatusCodes.Status400BadRequest
                && response.ContentLength is null or 0 && string.IsNullOrEmpty(response.ContentType))
            {
                await Problems.ForStatus(response.StatusCode, response.Headers.Allow.ToString()).ExecuteAsync(context);
            }
        });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A request failed unexpectedly", EventName = "RequestFailed")]
        public static partial void Unhandled(ILogger logger, Exception exception);
    }
}
