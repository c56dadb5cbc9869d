using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// Fits a <see cref="TierCalibrator"/> to raw probabilities of tracks the forest did not train on, and their true tiers. The linear methods
/// minimise the mean negative log-likelihood by full-batch gradient descent (Adam) from the identity, which is
/// convex in their parameters; Dirichlet's off-diagonal weights carry a small L2 penalty.
/// </summary>
public static class CalibratorFitter
{
    private const int Iterations = 400;
    private const double LearningRate = 0.05;
    private const double OffDiagonalPenalty = 1e-3;

    /// <summary>
    /// Rounds of per-tier isotonic fits, each on the previous round's renormalised output. One round leaves Viral over-sure
    /// where its curve is steep (renormalising inflates it); three halve the worst held-out gap at the same log-loss
    /// (docs/model.md has the measured rounds).
    /// </summary>
    public const int IsotonicRounds = 3;

    public static TierCalibrator Fit(CalibrationMethod method, IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(actual);
        if (raw.Count != actual.Count || raw.Count == 0)
        {
            throw new ArgumentException("need one probability vector per track, and at least one track");
        }

        return method switch
        {
            CalibrationMethod.Temperature or CalibrationMethod.Vector or CalibrationMethod.Dirichlet => FitLinear(method, raw, actual),
            CalibrationMethod.Isotonic => FitIsotonic(raw, actual),
            _ => TierCalibrator.Identity,
        };
    }

    /// <summary>Per-tier curves, round after round on the renormalised output of the rounds before.</summary>
    private static TierCalibrator FitIsotonic(IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual)
    {
        var n = raw[0].Length;
        var current = raw.Select(r => r.Select(p => TierCalibrator.Clean(p)).ToArray()).ToArray();
        var curves = new List<IsotonicCurve>();
        for (var round = 0; round < IsotonicRounds; round++)
        {
            var fitted = Enumerable.Range(0, n)
                .Select(k => IsotonicCurve.Fit([.. current.Select(r => r[k])], [.. actual.Select(a => (int)a == k)]))
                .ToArray();
            curves.AddRange(fitted);
            current = [.. current.Select(r => TierCalibrator.ApplyRound(fitted, r))];
        }

        return new TierCalibrator(CalibrationMethod.Isotonic, [], [], [.. curves]);
    }

    private static TierCalibrator FitLinear(CalibrationMethod method, IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual)
    {
        var n = raw[0].Length;
        var logs = raw.Select(r => r.Select(p => Math.Log(Math.Max(TierCalibrator.Clean(p), TierCalibrator.Floor))).ToArray()).ToArray();
        var parameters = new double[n * n + n];
        for (var k = 0; k < n; k++)
        {
            parameters[k * n + k] = 1;
        }

        var m = new double[parameters.Length];
        var v = new double[parameters.Length];
        var gradient = new double[parameters.Length];
        var z = new double[n];
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        for (var step = 1; step <= Iterations; step++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < logs.Length; i++)
            {
                var x = logs[i];
                for (var k = 0; k < n; k++)
                {
                    var sum = parameters[n * n + k];
                    for (var j = 0; j < n; j++)
                    {
                        sum += parameters[k * n + j] * x[j];
                    }

                    z[k] = sum;
                }

                TierCalibrator.Softmax(z);
                var truth = (int)actual[i];
                for (var k = 0; k < n; k++)
                {
                    var error = z[k] - (k == truth ? 1 : 0);
                    gradient[n * n + k] += error;
                    for (var j = 0; j < n; j++)
                    {
                        gradient[k * n + j] += error * x[j];
                    }
                }
            }

            for (var p = 0; p < gradient.Length; p++)
            {
                gradient[p] /= logs.Length;
            }

            Project(method, n, parameters, gradient);
            for (var p = 0; p < parameters.Length; p++)
            {
                m[p] = beta1 * m[p] + (1 - beta1) * gradient[p];
                v[p] = beta2 * v[p] + (1 - beta2) * gradient[p] * gradient[p];
                var mHat = m[p] / (1 - Math.Pow(beta1, step));
                var vHat = v[p] / (1 - Math.Pow(beta2, step));
                parameters[p] -= LearningRate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        }

        var weights = Enumerable.Range(0, n).Select(k => parameters.AsSpan(k * n, n).ToArray()).ToArray();
        return new TierCalibrator(method, weights, parameters.AsSpan(n * n, n).ToArray(), []);
    }

    /// <summary>Keeps the gradient inside the method's parameter family (and adds Dirichlet's penalty).</summary>
    private static void Project(CalibrationMethod method, int n, double[] parameters, double[] gradient)
    {
        switch (method)
        {
            case CalibrationMethod.Temperature:
                var shared = Enumerable.Range(0, n).Sum(k => gradient[k * n + k]) / n;
                Array.Clear(gradient);
                for (var k = 0; k < n; k++)
                {
                    gradient[k * n + k] = shared;
                }

                break;
            case CalibrationMethod.Vector:
                for (var k = 0; k < n; k++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        if (j != k)
                        {
                            gradient[k * n + j] = 0;
                        }
                    }
                }

                break;
            default:
                for (var k = 0; k < n; k++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        if (j != k)
                        {
                            gradient[k * n + j] += 2 * OffDiagonalPenalty * parameters[k * n + j];
                        }
                    }
                }

                break;
        }
    }
}
