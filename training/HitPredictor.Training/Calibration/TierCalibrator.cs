using System.Text.Json.Serialization;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// Turns the forest's raw probabilities (in <see cref="Tiers.Tier"/> order) into calibrated ones that sum to 1 and
/// lie in [0, 1]. Learnt on tracks the forest did not train on (its held-back calibration tracks); immutable and thread-safe.
/// The linear methods work on log-probabilities: z = W log(max(p, floor)) + b, output softmax(z).
/// </summary>
public sealed class TierCalibrator
{
    /// <summary>Raw probabilities are floored here before their log is taken.</summary>
    public const double Floor = 1e-6;

    /// <summary>No calibrated probability falls below this (keeps log-loss finite), before renormalising.</summary>
    public const double MinProbability = 1e-4;

    [JsonConstructor]
    public TierCalibrator(CalibrationMethod method, double[][] weights, double[] bias, IsotonicCurve[] curves)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(curves);
        Method = method;
        Weights = weights;
        Bias = bias;
        Curves = curves;
    }

    /// <summary>The forest's probabilities as they are, renormalised.</summary>
    public static TierCalibrator Identity { get; } = new(CalibrationMethod.None, [], [], []);

    public CalibrationMethod Method { get; }

    /// <summary>Rows of W (linear methods), one per tier.</summary>
    public double[][] Weights { get; }

    public double[] Bias { get; }

    /// <summary>
    /// The isotonic method's curves: one per tier for each round, round after round (a package from before rounds holds
    /// one round).
    /// </summary>
    public IsotonicCurve[] Curves { get; }

    /// <summary>Calibrated probabilities, in tier order, summing to 1.</summary>
    public double[] Calibrate(ReadOnlySpan<float> raw)
    {
        var n = raw.Length;
        if (n == 0)
        {
            throw new ArgumentException("need at least one probability", nameof(raw));
        }

        var result = new double[n];
        switch (Method)
        {
            case CalibrationMethod.Temperature or CalibrationMethod.Vector or CalibrationMethod.Dirichlet:
                Linear(raw, result);
                break;
            case CalibrationMethod.Isotonic:
                for (var k = 0; k < n; k++)
                {
                    result[k] = Clean(raw[k]);
                }

                for (var round = 0; round < Curves.Length / n; round++)
                {
                    result = ApplyRound(Curves.AsSpan(round * n, n), result);
                }

                break;
            default:
                for (var k = 0; k < n; k++)
                {
                    result[k] = Clean(raw[k]);
                }

                Normalise(result);
                break;
        }

        return result;
    }

    private void Linear(ReadOnlySpan<float> raw, double[] result)
    {
        var n = raw.Length;
        Span<double> logs = stackalloc double[n];
        for (var k = 0; k < n; k++)
        {
            logs[k] = Math.Log(Math.Max(Clean(raw[k]), Floor));
        }

        for (var k = 0; k < n; k++)
        {
            var z = Bias[k];
            for (var j = 0; j < n; j++)
            {
                z += Weights[k][j] * logs[j];
            }

            result[k] = z;
        }

        Softmax(result);
        for (var k = 0; k < n; k++)
        {
            result[k] = Math.Max(result[k], MinProbability);
        }

        Normalise(result);
    }

    /// <summary>One isotonic round: each tier's curve on its probability (floored at <see cref="MinProbability"/>), renormalised.</summary>
    internal static double[] ApplyRound(ReadOnlySpan<IsotonicCurve> curves, double[] probabilities)
    {
        var result = new double[probabilities.Length];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = Math.Max(curves[k].Apply(probabilities[k]), MinProbability);
        }

        Normalise(result);
        return result;
    }

    /// <summary>A raw probability as a number in [0, 1]: anything not finite counts as 0.</summary>
    internal static double Clean(float raw) => float.IsFinite(raw) ? Math.Clamp(raw, 0, 1) : 0;

    internal static void Softmax(Span<double> z)
    {
        var max = double.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = Math.Exp(z[k] - max);
            sum += z[k];
        }

        for (var k = 0; k < z.Length; k++)
        {
            z[k] /= sum;
        }
    }

    private static void Normalise(double[] p)
    {
        var sum = p.Sum();
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = sum > 0 ? p[k] / sum : 1.0 / p.Length;
        }
    }
}
