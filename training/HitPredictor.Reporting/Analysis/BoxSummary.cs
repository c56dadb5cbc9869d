namespace HitPredictor.Reporting.Analysis;

/// <summary>A distribution in a few numbers: 5th, 25th, 50th, 75th and 95th percentiles, the mean and the count.</summary>
internal sealed record BoxSummary(double P05, double Q1, double Median, double Q3, double P95, double Mean, int Count)
{
    public static BoxSummary From(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new BoxSummary(
            Statistics.Quantile(sorted, 0.05),
            Statistics.Quantile(sorted, 0.25),
            Statistics.Median(sorted),
            Statistics.Quantile(sorted, 0.75),
            Statistics.Quantile(sorted, 0.95),
            sorted.Length == 0 ? double.NaN : sorted.Average(),
            sorted.Length);
    }
}
