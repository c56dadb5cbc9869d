using System.Globalization;

namespace HitPredictor.Reporting.Html;

/// <summary>How numbers are written in the report: invariant culture, the same precision everywhere.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A score such as accuracy or F1, to three decimals, as the CLI prints it.</summary>
    public static string Metric(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A stable lower-case id fragment: letters and digits kept, anything else a hyphen.</summary>
    public static string Id(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
}
