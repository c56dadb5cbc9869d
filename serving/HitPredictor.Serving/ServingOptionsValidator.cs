using System.Globalization;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving;

/// <summary>Checks every setting at start-up and reports all bad values at once.</summary>
internal sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var errors = new OptionsErrors(ServingOptions.SectionName);
        Container(errors, nameof(options.ModelsContainer), options.ModelsContainer);
        Container(errors, nameof(options.DatasetsContainer), options.DatasetsContainer);
        Container(errors, nameof(options.ReportsContainer), options.ReportsContainer);
        errors.Range(nameof(options.PollSeconds), options.PollSeconds, 1, 3_600);
        errors.Range(nameof(options.PoolSize), options.PoolSize, 1, 1_024);
        errors.Range(nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000);
        errors.Range(nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1_024, 256L * 1024 * 1024);
        errors.Range(nameof(options.RetryAfterSeconds), options.RetryAfterSeconds, 1, 3_600);
        errors.Range(nameof(options.MaxPredictionsPerRequest), options.MaxPredictionsPerRequest, 1, 10_000_000);
        errors.Range(nameof(options.ExpensiveRequestPredictions), options.ExpensiveRequestPredictions, 1, 10_000_000);
        errors.Range(nameof(options.MaxConcurrentExpensiveRequests), options.MaxConcurrentExpensiveRequests, 1, 1_024);
        errors.Range(nameof(options.BusyRetryAfterSeconds), options.BusyRetryAfterSeconds, 1, 3_600);
        errors.Range(nameof(options.MaxAudioBytes), options.MaxAudioBytes, 1_024, 1L << 30);
        errors.Range(nameof(options.MaxAudioSeconds), options.MaxAudioSeconds, 6, 10_800);
        errors.Range(nameof(options.MaxConcurrentAnalyses), options.MaxConcurrentAnalyses, 1, 1_024);
        errors.Range(nameof(options.AnalysisWaitSeconds), options.AnalysisWaitSeconds, 0, 60);
        if (options.ExpensiveRequestPredictions > options.MaxPredictionsPerRequest)
        {
            errors.Add(nameof(options.ExpensiveRequestPredictions), string.Create(CultureInfo.InvariantCulture,
                $"({options.ExpensiveRequestPredictions}) must not exceed {nameof(options.MaxPredictionsPerRequest)} ({options.MaxPredictionsPerRequest}), or no request would ever count as expensive."));
        }

        if (options.StoreFolder is { } folder && folder.Length > 0 && string.IsNullOrWhiteSpace(folder))
        {
            errors.Add(nameof(options.StoreFolder), "is blank; leave it out to use Blob Storage.");
        }

        foreach (var origin in options.CorsOriginList.Where(o => !IsOrigin(o)))
        {
            errors.Add(nameof(options.CorsOrigins), $"must list origins such as https://app.example.com (scheme, host, optional port; no path), got '{origin}'.");
        }

        if (options.ApiKey is { } key && key.Length < ApiKeyMinimumLength)
        {
            errors.Add(nameof(options.ApiKey), $"must be at least {ApiKeyMinimumLength} characters; leave it out for anonymous access.");
        }

        return errors.Result;
    }

    private const int ApiKeyMinimumLength = 16;

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && !text.EndsWith('/') && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    /// <summary>Blob container rules: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    private static void Container(OptionsErrors errors, string key, string? value)
    {
        if (!ModelStoreFactory.IsValidContainerName(value))
        {
            errors.Add(key, $"must be a blob container name (3-63 lower-case letters, digits, single hyphens), got '{value}'.");
        }
    }
}
