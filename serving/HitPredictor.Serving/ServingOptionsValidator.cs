using System.Globalization;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving;

/// <summary>Checks every setting at start-up and reports all bad values at once.</summary>
internal sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var errors = new List<string>();
        Container(errors, nameof(options.ModelsContainer), options.ModelsContainer);
        Container(errors, nameof(options.DatasetsContainer), options.DatasetsContainer);
        Container(errors, nameof(options.ReportsContainer), options.ReportsContainer);
        Range(errors, nameof(options.PollSeconds), options.PollSeconds, 1, 3_600);
        Range(errors, nameof(options.PoolSize), options.PoolSize, 1, 1_024);
        Range(errors, nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000);
        Range(errors, nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1_024, 256L * 1024 * 1024);
        Range(errors, nameof(options.RetryAfterSeconds), options.RetryAfterSeconds, 1, 3_600);
        Range(errors, nameof(options.MaxPredictionsPerRequest), options.MaxPredictionsPerRequest, 1, 10_000_000);
        Range(errors, nameof(options.ExpensiveRequestPredictions), options.ExpensiveRequestPredictions, 1, 10_000_000);
        Range(errors, nameof(options.MaxConcurrentExpensiveRequests), options.MaxConcurrentExpensiveRequests, 1, 1_024);
        Range(errors, nameof(options.BusyRetryAfterSeconds), options.BusyRetryAfterSeconds, 1, 3_600);
        Range(errors, nameof(options.MaxAudioBytes), options.MaxAudioBytes, 1_024, 1L << 30);
        Range(errors, nameof(options.MaxAudioSeconds), options.MaxAudioSeconds, 6, 10_800);
        Range(errors, nameof(options.MaxConcurrentAnalyses), options.MaxConcurrentAnalyses, 1, 1_024);
        Range(errors, nameof(options.AnalysisWaitSeconds), options.AnalysisWaitSeconds, 0, 60);
        if (options.ExpensiveRequestPredictions > options.MaxPredictionsPerRequest)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{ServingOptions.SectionName}:{nameof(options.ExpensiveRequestPredictions)} ({options.ExpensiveRequestPredictions}) must not exceed {nameof(options.MaxPredictionsPerRequest)} ({options.MaxPredictionsPerRequest}), or no request would ever count as expensive."));
        }

        if (options.StoreFolder is { } folder && folder.Length > 0 && string.IsNullOrWhiteSpace(folder))
        {
            errors.Add($"{ServingOptions.SectionName}:{nameof(options.StoreFolder)} is blank; leave it out to use Blob Storage.");
        }

        foreach (var origin in options.CorsOriginList.Where(o => !IsOrigin(o)))
        {
            errors.Add($"{ServingOptions.SectionName}:{nameof(options.CorsOrigins)} must list origins such as https://app.example.com (scheme, host, optional port; no path), got '{origin}'.");
        }

        if (options.ApiKey is { } key && key.Length < ApiKeyMinimumLength)
        {
            errors.Add($"{ServingOptions.SectionName}:{nameof(options.ApiKey)} must be at least {ApiKeyMinimumLength} characters; leave it out for anonymous access.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private const int ApiKeyMinimumLength = 16;

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && !text.EndsWith('/') && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    private static void Range(List<string> errors, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{ServingOptions.SectionName}:{key} must be {min} to {max}, got {value}."));
        }
    }

    /// <summary>Blob container rules: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    private static void Container(List<string> errors, string key, string? value)
    {
        if (!ModelStoreFactory.IsValidContainerName(value))
        {
            errors.Add($"{ServingOptions.SectionName}:{key} must be a blob container name (3-63 lower-case letters, digits, single hyphens), got '{value}'.");
        }
    }
}
