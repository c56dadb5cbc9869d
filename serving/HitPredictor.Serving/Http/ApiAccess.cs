using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// Who may call the API when it runs on plain ASP.NET Core (<c>hitpredictor serve</c>): other origins' pages by the
/// CORS allow-list, and, when a key is set, only callers sending it in <c>x-functions-key</c>, the header Azure
/// Functions reads for function keys, so one client works against both. The Functions app gets both from the
/// platform instead (CORS and App Service authentication in infra/).
/// </summary>
public static class ApiAccess
{
    /// <summary>The header that carries the key, as Azure Functions names it.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>Registers the CORS policy built from <see cref="ServingOptions.CorsOrigins"/>.</summary>
    public static IServiceCollection AddHitPredictorApiAccess(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ServingOptions>>((cors, serving) =>
            cors.AddDefaultPolicy(policy =>
            {
                var origins = serving.Value.CorsOriginList;
                if (origins.Count > 0)
                {
                    policy.WithOrigins([.. origins]).WithMethods("GET", "POST").WithHeaders("Content-Type", KeyHeader)
                        .SetPreflightMaxAge(TimeSpan.FromHours(1));
                }
            }));
        return services;
    }

    /// <summary>Adds CORS and, when a key is set, the key check in front of the API routes.</summary>
    public static IApplicationBuilder UseHitPredictorApiAccess(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCors();
        var key = app.ApplicationServices.GetRequiredService<IOptions<ServingOptions>>().Value.ApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            app.Use((context, next) => IsAllowed(context.Request, expected) ? next(context) : Problems.Unauthorized().ExecuteAsync(context));
        }

        return app;
    }

    /// <summary>The page, its files, the health probe, the API's description and CORS preflights are open; every other <c>/api</c> route needs the key.</summary>
    private static bool IsAllowed(HttpRequest request, byte[] expected)
    {
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/" + Routes.Health, StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/" + Routes.OpenApi, StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsOptions(request.Method))
        {
            return true;
        }

        var sent = request.Headers[KeyHeader].ToString();
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), expected);
    }
}
