using System.Text.Json.Serialization;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// A non-decreasing step curve from pool-adjacent-violators: each block of raw probabilities up to
/// <see cref="Upper"/>[i] maps to the observed share <see cref="Values"/>[i]; between blocks it interpolates linearly.
/// </summary>
public sealed class IsotonicCurve
{
    [JsonConstructor]
    public IsotonicCurve(double[] upper, double[] values)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(values);
        if (upper.Length != values.Length || upper.Length == 0)
        {
            throw new ArgumentException("an isotonic curve needs as many values as block ends, and at least one");
        }

        Upper = upper;
        Values = values;
    }

    /// <summary>Mean raw probability of each block, ascending.</summary>
    public double[] Upper { get; }

    public double[] Values { get; }

    public double Apply(double x)
    {
        if (x <= Upper[0])
        {
            return Values[0];
        }

        if (x >= Upper[^1])
        {
            return Values[^1];
        }

        var i = Array.BinarySearch(Upper, x);
        if (i >= 0)
        {
            return Values[i];
        }

        var hi = ~i;
        var lo = hi - 1;
        var t = (x - Upper[lo]) / (Upper[hi] - Upper[lo]);
        return Values[lo] + t * (Values[hi] - Values[lo]);
    }

    /// <summary>Fits the curve to (x, outcome) pairs by pool-adjacent-violators.</summary>
    public static IsotonicCurve Fit(IReadOnlyList<double> x, IReadOnlyList<bool> outcome)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(outcome);
        var order = Enumerable.Range(0, x.Count).OrderBy(i => x[i]).ToArray();
        var means = new List<double>();
        var xs = new List<double>();
        var weights = new List<double>();
        foreach (var i in order)
        {
            means.Add(outcome[i] ? 1 : 0);
            xs.Add(x[i]);
            weights.Add(1);
            while (means.Count > 1 && means[^2] >= means[^1])
            {
                var w = weights[^2] + weights[^1];
                means[^2] = (means[^2] * weights[^2] + means[^1] * weights[^1]) / w;
                xs[^2] = (xs[^2] * weights[^2] + xs[^1] * weights[^1]) / w;
                weights[^2] = w;
                means.RemoveAt(means.Count - 1);
                xs.RemoveAt(xs.Count - 1);
                weights.RemoveAt(weights.Count - 1);
            }
        }

        return new IsotonicCurve([.. xs], [.. means]);
    }
}
