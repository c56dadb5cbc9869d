using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Retraining;

/// <summary>Checks every retraining setting at start-up and reports all bad values at once.</summary>
internal sealed class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrainingOptions options)
    {
        var errors = new OptionsErrors(RetrainingOptions.SectionName);
        errors.Range(nameof(options.MaxRejectedShare), options.MaxRejectedShare, 0, 1);
        errors.Range(nameof(options.MinTracks), options.MinTracks, 10, 100_000_000);
        errors.Range(nameof(options.MaxDatasetBytes), options.MaxDatasetBytes, 1_024, 16L * 1024 * 1024 * 1024);
        errors.Range(nameof(options.MacroF1Tolerance), options.MacroF1Tolerance, 0, 1);
        errors.Range(nameof(options.MinComparisonRows), options.MinComparisonRows, 1, 1_000_000);
        errors.Range(nameof(options.LeaseSeconds), options.LeaseSeconds, 15, 60);
        errors.Range(nameof(options.LeaseWaitSeconds), options.LeaseWaitSeconds, 0, 3_600);
        errors.Range(nameof(options.Trees), options.Trees, 1, 2_000);
        errors.Range(nameof(options.Leaves), options.Leaves, 2, 100_000);
        return errors.Result;
    }
}
