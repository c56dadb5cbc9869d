using System.Globalization;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

/// <summary>Checks every catalog setting at start-up and reports all bad values at once.</summary>
internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = new List<string>();
        Range(errors, nameof(options.ChunkRows), options.ChunkRows, 100, 1_000_000);
        Range(errors, nameof(options.MaxChunkAttempts), options.MaxChunkAttempts, 1, 100);
        Range(errors, nameof(options.MaxRejectedDetails), options.MaxRejectedDetails, 0, 100_000);
        Range(errors, nameof(options.VisibilitySeconds), options.VisibilitySeconds, 10, 3_600);
        Range(errors, nameof(options.MergeClaimSeconds), options.MergeClaimSeconds, 10, 86_400);
        Range(errors, nameof(options.MaxConcurrentScoring), options.MaxConcurrentScoring, 1, 1_024);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{CatalogOptions.SectionName}:{key} must be {min} to {max}, got {value}."));
        }
    }
}
