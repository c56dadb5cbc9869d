using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// How trustworthy calibrated answers are on labelled tracks: per-tier expected calibration error and largest
/// reliability gap over <see cref="Bins"/> equal-width probability bins, and the prediction sets' coverage and size.
/// </summary>
public static class CalibrationEvaluator
{
    public const int Bins = 10;

    /// <summary>A bin's gap counts toward maxGap only when it holds at least this many tracks.</summary>
    public const int MinTracksForGap = 100;

    /// <summary>Scores every track through <paramref name="calibration"/> and measures the lot.</summary>
    public static CalibratedEvaluation Evaluate(MemberCalibration calibration, IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(actual);
        var scores = raw.Select(r => calibration.Apply(r)).ToArray();
        var probabilities = scores.Select(s => s.Probabilities).ToArray();
        var metrics = MetricsCalculator.Compute(
            actual, [.. probabilities.Select(p => p.Select(x => (float)x).ToArray())], [.. scores.Select(s => s.Tier)]);
        return new CalibratedEvaluation(
            metrics,
            Calibration(calibration.Calibrator.Method, probabilities, actual),
            Sets(calibration.Sets.Level, [.. scores.Select(s => s.Set)], actual));
    }

    public static CalibrationMetrics Calibration(CalibrationMethod method, IReadOnlyList<double[]> probabilities, IReadOnlyList<Tier> actual)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(actual);
        var perTier = new Dictionary<string, TierCalibrationMetrics>();
        foreach (var tier in TierCutoffs.All)
        {
            var count = new int[Bins];
            var probabilitySum = new double[Bins];
            var hits = new int[Bins];
            for (var i = 0; i < actual.Count; i++)
            {
                var p = probabilities[i][(int)tier];
                var bin = Math.Clamp((int)(p * Bins), 0, Bins - 1);
                count[bin]++;
                probabilitySum[bin] += p;
                hits[bin] += actual[i] == tier ? 1 : 0;
            }

            var ece = 0.0;
            var maxGap = 0.0;
            for (var b = 0; b < Bins; b++)
            {
                if (count[b] == 0)
                {
                    continue;
                }

                var gap = Math.Abs((double)hits[b] / count[b] - probabilitySum[b] / count[b]);
                ece += gap * count[b] / actual.Count;
                if (count[b] >= MinTracksForGap)
                {
                    maxGap = Math.Max(maxGap, gap);
                }
            }

            perTier[tier.ToString()] = new TierCalibrationMetrics(Math.Round(ece, 6), Math.Round(maxGap, 6));
        }

        return new CalibrationMetrics(Name(method), Bins, perTier);
    }

    public static PredictionSetMetrics Sets(double level, IReadOnlyList<IReadOnlyList<Tier>> sets, IReadOnlyList<Tier> actual)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(actual);
        var covered = actual.Select((tier, i) => sets[i].Contains(tier)).ToArray();
        var perTier = TierCutoffs.All.ToDictionary(
            t => t.ToString(),
            t =>
            {
                var members = Enumerable.Range(0, actual.Count).Where(i => actual[i] == t).ToArray();
                return new TierCoverage(members.Length == 0 ? 0 : Math.Round(members.Count(i => covered[i]) / (double)members.Length, 6));
            });
        return new PredictionSetMetrics(
            level,
            Math.Round(covered.Count(c => c) / (double)actual.Count, 6),
            Math.Round(sets.Average(s => s.Count), 4),
            perTier);
    }

    /// <summary>The method's name as the card writes it.</summary>
    public static string Name(CalibrationMethod method) => method switch
    {
        CalibrationMethod.Temperature => "temperature scaling",
        CalibrationMethod.Vector => "vector scaling",
        CalibrationMethod.Dirichlet => "Dirichlet (matrix scaling on log-probabilities)",
        CalibrationMethod.Isotonic => FormattableString.Invariant($"per-tier isotonic, renormalised, {CalibratorFitter.IsotonicRounds} rounds"),
        _ => "none (the forest's own probabilities)",
    };
}

/// <summary>Figures of calibrated answers: the usual metrics (tier from the decision rule), calibration and sets.</summary>
public sealed record CalibratedEvaluation(EvaluationMetrics Metrics, CalibrationMetrics Calibration, PredictionSetMetrics PredictionSets);

/// <summary>The card's <c>metrics.calibration</c>: per tier, ECE and the largest gap over bins with at least 100 tracks.</summary>
public sealed record CalibrationMetrics(string Method, int Bins, IReadOnlyDictionary<string, TierCalibrationMetrics> PerTier);

public sealed record TierCalibrationMetrics(double Ece, double MaxGap);

/// <summary>The card's <c>metrics.predictionSets</c>: how often the set held the true tier, overall and per true tier, and its mean size.</summary>
public sealed record PredictionSetMetrics(double Level, double Coverage, double MeanSize, IReadOnlyDictionary<string, TierCoverage> PerTier);

public sealed record TierCoverage(double Coverage);
