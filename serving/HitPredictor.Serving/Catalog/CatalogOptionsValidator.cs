using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

/// <summary>Checks every catalog setting at start-up and reports all bad values at once.</summary>
internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = new OptionsErrors(CatalogOptions.SectionName);
        errors.Range(nameof(options.ChunkRows), options.ChunkRows, 100, 1_000_000);
        errors.Range(nameof(options.MaxChunkAttempts), options.MaxChunkAttempts, 1, 100);
        errors.Range(nameof(options.MaxRejectedDetails), options.MaxRejectedDetails, 0, 100_000);
        errors.Range(nameof(options.VisibilitySeconds), options.VisibilitySeconds, 10, 3_600);
        errors.Range(nameof(options.MergeClaimSeconds), options.MergeClaimSeconds, 10, 86_400);
        errors.Range(nameof(options.MaxConcurrentScoring), options.MaxConcurrentScoring, 1, 1_024);
        return errors.Result;
    }
}
