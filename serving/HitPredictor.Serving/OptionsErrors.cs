using System.Globalization;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving;

/// <summary>
/// The bad values of one options section, each named by its configuration key (<c>Section:Key</c>), collected so that a
/// validator reports every one at once. Shared by the serving, retraining and catalog options validators.
/// </summary>
internal sealed class OptionsErrors(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>Adds "<c>Section:key</c> must be <paramref name="min"/> to <paramref name="max"/>, got ..." when the value is outside.</summary>
    public void Range(string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(key, string.Create(CultureInfo.InvariantCulture, $"must be {min} to {max}, got {value}."));
        }
    }

    /// <inheritdoc cref="Range(string, long, long, long)"/>
    public void Range(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            Add(key, string.Create(CultureInfo.InvariantCulture, $"must be {min} to {max}, got {value}."));
        }
    }

    /// <summary>Adds "<c>Section:key</c> <paramref name="problem"/>".</summary>
    public void Add(string key, string problem) => _errors.Add($"{section}:{key} {problem}");

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
