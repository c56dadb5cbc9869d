using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Calibration;

/// <summary>
/// Learns a <see cref="MemberCalibration"/> from the released forest's raw probabilities on the calibration tracks
/// (held back from its training). Each candidate method is scored by 2-fold cross-validated log-loss on those tracks and the lowest
/// wins; the decision rule and the conformal threshold are then fitted on the winner's calibrated probabilities.
/// </summary>
public static class CalibrationTrainer
{
    public static IReadOnlyList<CalibrationMethod> Candidates { get; } =
        [CalibrationMethod.None, CalibrationMethod.Temperature, CalibrationMethod.Vector, CalibrationMethod.Dirichlet, CalibrationMethod.Isotonic];

    public static CalibrationFit Fit(IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual, double setLevel, double minViralRecall)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(actual);
        var crossValidated = Candidates.ToDictionary(m => m, m => CrossValidatedLogLoss(m, raw, actual));
        var method = crossValidated.MinBy(c => c.Value).Key;
        var fitted = Candidates.ToDictionary(m => m, m => CalibratorFitter.Fit(m, raw, actual));
        var calibrator = fitted[method];
        var calibrated = raw.Select(r => calibrator.Calibrate(r)).ToArray();
        var decision = DecisionRule.Fit(calibrated, actual, minViralRecall);
        var sets = PredictionSetRule.Fit(setLevel, calibrated, actual);
        return new CalibrationFit(new MemberCalibration(calibrator, decision, sets), crossValidated, fitted);
    }

    private static double CrossValidatedLogLoss(CalibrationMethod method, IReadOnlyList<float[]> raw, IReadOnlyList<Tier> actual)
    {
        var total = 0.0;
        for (var fold = 0; fold < 2; fold++)
        {
            var fitRows = Enumerable.Range(0, raw.Count).Where(i => i % 2 != fold).ToArray();
            var calibrator = CalibratorFitter.Fit(method, [.. fitRows.Select(i => raw[i])], [.. fitRows.Select(i => actual[i])]);
            for (var i = fold; i < raw.Count; i += 2)
            {
                total -= Math.Log(calibrator.Calibrate(raw[i])[(int)actual[i]]);
            }
        }

        return total / raw.Count;
    }
}

/// <summary>The calibration learnt, each candidate method's cross-validated log-loss on the calibration tracks, and each candidate fitted on all of them.</summary>
public sealed record CalibrationFit(
    MemberCalibration Calibration,
    IReadOnlyDictionary<CalibrationMethod, double> CrossValidatedLogLoss,
    IReadOnlyDictionary<CalibrationMethod, TierCalibrator> CandidateCalibrators);
