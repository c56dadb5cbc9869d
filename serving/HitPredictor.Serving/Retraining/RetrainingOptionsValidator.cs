using System.Globalization;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Retraining;

/// <summary>Checks every retraining setting at start-up and reports all bad values at once.</summary>
internal sealed class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrainingOptions options)
    {
        var errors = new List<string>();
        Range(errors, nameof(options.MaxRejectedShare), options.MaxRejectedShare, 0, 1);
        Range(errors, nameof(options.MinTracks), options.MinTracks, 10, 100_000_000);
        Range(errors, nameof(options.MaxDatasetBytes), options.MaxDatasetBytes, 1_024, 16L * 1024 * 1024 * 1024);
        Range(errors, nameof(options.MacroF1Tolerance), options.MacroF1Tolerance, 0, 1);
        Range(errors, nameof(options.MinComparisonRows), options.MinComparisonRows, 1, 1_000_000);
        Range(errors, nameof(options.LeaseSeconds), options.LeaseSeconds, 15, 60);
        Range(errors, nameof(options.LeaseWaitSeconds), options.LeaseWaitSeconds, 0, 3_600);
        Range(errors, nameof(options.Trees), options.Trees, 1, 2_000);
        Range(errors, nameof(options.Leaves), options.Leaves, 2, 100_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{RetrainingOptions.SectionName}:{key} must be {min} to {max}, got {value}."));
        }
    }
}
