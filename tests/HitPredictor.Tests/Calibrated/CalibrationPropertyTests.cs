using AwesomeAssertions;
using CsCheck;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Calibrated;

/// <summary>Whatever the raw probabilities, calibrated answers are distributions and sets hold the top tier.</summary>
public sealed class CalibrationPropertyTests
{
    private static readonly Gen<float[]> Raw = Gen.OneOf(
        Gen.Float[0f, 1f].Array[4],
        Gen.Float.Array[4],
        Gen.OneOf(Gen.Const(0f), Gen.Const(1f), Gen.Const(float.NaN), Gen.Const(1e-30f)).Array[4]);

    private static readonly Gen<(float[][] Raw, Tier[] Tiers)> Labelled =
        Gen.Select(Gen.Float[0f, 1f].Array[4], Gen.Int[0, 3]).Array[40, 120]
            .Select(rows => (rows.Select(r => r.Item1).ToArray(), rows.Select(r => (Tier)r.Item2).ToArray()));

    [Fact]
    public void Calibrate_AnyMethodAnyInput_GivesProbabilitiesInUnitIntervalSummingToOne()
    {
        Gen.Select(Labelled, Gen.Int[0, CalibrationTrainer.Candidates.Count - 1].Select(i => CalibrationTrainer.Candidates[i]), Raw.Array[1, 20]).Sample((data, method, inputs) =>
        {
            var calibrator = CalibratorFitter.Fit(method, data.Raw, data.Tiers);
            foreach (var input in inputs)
            {
                var calibrated = calibrator.Calibrate(input);
                calibrated.Should().HaveCount(4);
                calibrated.Should().OnlyContain(p => p >= 0 && p <= 1);
                calibrated.Sum().Should().BeApproximately(1, 1e-9);
            }
        }, iter: 60);
    }

    [Fact]
    public void SetFor_AnyCalibratedProbabilities_HoldsTopAndShownTierMostProbableFirst()
    {
        Gen.Select(Gen.Double[0, 1].Array[4], Gen.Double[0, 1], Gen.Int[0, 3]).Sample((weights, threshold, shown) =>
        {
            var total = weights.Sum();
            var probabilities = weights.Select(w => total > 0 ? w / total : 0.25).ToArray();
            var set = new PredictionSetRule(0.9, threshold).SetFor(probabilities, (Tier)shown);

            set.Should().Contain((Tier)Array.IndexOf(probabilities, probabilities.Max()));
            set.Should().Contain((Tier)shown);
            set.Select(t => probabilities[(int)t]).Should().BeInDescendingOrder();
            set.Should().OnlyHaveUniqueItems();
        });
    }

    [Fact]
    public void Apply_FittedCalibration_TierShownIsInTheSet()
    {
        Gen.Select(Labelled, Raw.Array[1, 20]).Sample((data, inputs) =>
        {
            var fit = CalibrationTrainer.Fit(data.Raw, data.Tiers, setLevel: 0.9, minViralRecall: 0.3);
            foreach (var input in inputs)
            {
                var score = fit.Calibration.Apply(input);
                score.Set.Should().Contain(score.Tier);
                score.Probabilities.Sum().Should().BeApproximately(1, 1e-9);
            }
        }, iter: 20);
    }

    [Fact]
    public void FromJson_SavedCalibration_GivesTheSameAnswers()
    {
        Gen.Select(Labelled, Raw.Array[1, 10]).Sample((data, inputs) =>
        {
            var calibration = CalibrationTrainer.Fit(data.Raw, data.Tiers, setLevel: 0.8, minViralRecall: 0).Calibration;
            var loaded = MemberCalibration.FromJson(calibration.ToJson());
            foreach (var input in inputs)
            {
                loaded.Apply(input).Should().BeEquivalentTo(calibration.Apply(input));
            }
        }, iter: 20);
    }
}
