using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace HitPredictor.Serving;

/// <summary>
/// The service's log defaults, for <c>hitpredictor serve</c> and the Functions app alike: ASP.NET Core's per-request
/// events (category <c>Microsoft.AspNetCore</c>) at Warning unless <see cref="ServingOptions.RequestLogging"/> is on.
/// The default sits under every other configuration source, so an explicit
/// <c>Logging:LogLevel:Microsoft.AspNetCore</c> (appsettings, environment) still wins.
/// </summary>
public static class ServingLogging
{
    /// <summary>The log category of ASP.NET Core's hosting, routing and result events.</summary>
    public const string RequestCategory = "Microsoft.AspNetCore";

    /// <summary>Adds the defaults as the lowest-priority configuration source; reads the switch from the sources already added.</summary>
    public static IHostApplicationBuilder AddHitPredictorLogDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var requestLogging = builder.Configuration.GetValue<bool>($"{ServingOptions.SectionName}:{nameof(ServingOptions.RequestLogging)}");
        var defaults = new MemoryConfigurationSource
        {
            InitialData = [new($"Logging:LogLevel:{RequestCategory}", requestLogging ? "Information" : "Warning")],
        };
        builder.Configuration.Sources.Insert(0, defaults);
        return builder;
    }
}
