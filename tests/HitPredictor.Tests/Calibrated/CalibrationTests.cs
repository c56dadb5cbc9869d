using AwesomeAssertions;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Calibrated;

public sealed class CalibrationTests
{
    [Fact]
    public void Fit_OverConfidentScores_TemperatureSoftensThem()
    {
        // Arrange: the raw top probability is 0.9 but the top tier is right only 60 % of the time.
        var raw = new List<float[]>();
        var actual = new List<Tier>();
        for (var i = 0; i < 1000; i++)
        {
            raw.Add([0.9f, 0.05f, 0.03f, 0.02f]);
            actual.Add(i % 10 < 6 ? Tier.Viral : (Tier)(1 + i % 3));
        }

        // Act
        var calibrated = CalibratorFitter.Fit(CalibrationMethod.Vector, raw, actual).Calibrate(raw[0]);

        // Assert
        calibrated[0].Should().BeApproximately(0.6, 0.02);
    }

    [Fact]
    public void Fit_Isotonic_RoundsLeaveEveryTierCalibratedOnTheFittingTracks()
    {
        // Arrange: raw scores whose Viral share is inflated where it is large, as the forest's are.
        var (raw, actual) = Distorted(new Random(11), 20_000);

        // Act
        var calibrator = CalibratorFitter.Fit(CalibrationMethod.Isotonic, raw, actual);
        var calibrated = raw.Select(r => calibrator.Calibrate(r)).ToArray();
        var oneRound = new TierCalibrator(CalibrationMethod.Isotonic, [], [], calibrator.Curves[..4]);
        var afterOneRound = raw.Select(r => oneRound.Calibrate(r)).ToArray();

        // Assert
        calibrator.Curves.Should().HaveCount(4 * CalibratorFitter.IsotonicRounds);
        var rounds = CalibrationEvaluator.Calibration(CalibrationMethod.Isotonic, calibrated, actual).PerTier;
        var single = CalibrationEvaluator.Calibration(CalibrationMethod.Isotonic, afterOneRound, actual).PerTier;
        rounds.Values.Should().AllSatisfy(t => t.Ece.Should().BeLessThan(0.01));
        rounds["Viral"].MaxGap.Should().BeLessThan(single["Viral"].MaxGap);
    }

    [Fact]
    public void Calibrate_OneRoundOfCurves_EachTiersCurveThenRenormalised()
    {
        // A package from before rounds holds four curves: each tier's curve, once, then renormalised.
        IsotonicCurve Constant(double value) => new([0, 1], [value, value]);
        var calibrator = new TierCalibrator(CalibrationMethod.Isotonic, [], [], [Constant(0.1), Constant(0.2), Constant(0.3), Constant(0.6)]);

        var calibrated = calibrator.Calibrate([0.25f, 0.25f, 0.25f, 0.25f]);

        calibrated.Should().Equal([0.1 / 1.2, 0.2 / 1.2, 0.3 / 1.2, 0.6 / 1.2], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Fit_DecisionRule_SmallestViralWeightReachingTheRecallFloorOthersOne()
    {
        // Arrange: Viral tracks whose Viral probability is 0.30-0.49 against a top other tier of 0.5.
        var calibrated = new List<double[]>();
        var actual = new List<Tier>();
        for (var i = 0; i < 100; i++)
        {
            var viral = 0.30 + 0.002 * i;
            calibrated.Add([viral, 0.5, 0.5 - viral, 0]);
            actual.Add(Tier.Viral);
        }

        // Act: half the Viral tracks must be shown as Viral.
        var rule = DecisionRule.Fit(calibrated, actual, 0.5);

        // Assert: p(Viral) >= 0.40 wins once weight * p > 0.5, i.e. weight 1.25; 1.2 finds fewer than half.
        rule.Weights.Should().Equal(1.25, 1, 1, 1);
        DecisionRule.Fit(calibrated, actual, 0).Weights.Should().Equal(1, 1, 1, 1);
    }

    [Fact]
    public void Fit_NinetyPercentLevel_ThresholdCoversNinetyPercentOfCalibrationTracks()
    {
        var random = new Random(7);
        var calibrated = new List<double[]>();
        var actual = new List<Tier>();
        for (var i = 0; i < 2000; i++)
        {
            var p = Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray();
            var total = p.Sum();
            calibrated.Add([.. p.Select(x => x / total)]);
            actual.Add((Tier)random.Next(4));
        }

        var rule = PredictionSetRule.Fit(0.9, calibrated, actual);
        var covered = calibrated.Select((p, i) => rule.SetFor(p, (Tier)Array.IndexOf(p, p.Max())).Contains(actual[i])).Count(c => c);

        ((double)covered / calibrated.Count).Should().BeInRange(0.9, 0.93);
    }

    [Fact]
    public void Sets_KnownSets_CoverageAndMeanSizeCounted()
    {
        IReadOnlyList<Tier>[] sets = [[Tier.Hit], [Tier.Hit, Tier.Mid], [Tier.Flop], [Tier.Viral, Tier.Hit, Tier.Mid]];
        Tier[] actual = [Tier.Hit, Tier.Mid, Tier.Mid, Tier.Flop];

        var metrics = CalibrationEvaluator.Sets(0.9, sets, actual);

        metrics.Coverage.Should().Be(0.5);
        metrics.MeanSize.Should().Be(1.75);
        metrics.PerTier["Mid"].Coverage.Should().Be(0.5);
        metrics.PerTier["Viral"].Coverage.Should().Be(0);
    }

    [Fact]
    public void Calibration_PerfectlyCalibratedBins_EceZeroAndGapsOnlyFromFullBins()
    {
        // 200 tracks at P(Viral) 0.25, a quarter Viral; 10 tracks at 0.95, none Viral (a bin under 100 tracks).
        var probabilities = new List<double[]>();
        var actual = new List<Tier>();
        for (var i = 0; i < 200; i++)
        {
            probabilities.Add([0.25, 0.25, 0.25, 0.25]);
            actual.Add((Tier)(i % 4));
        }

        for (var i = 0; i < 10; i++)
        {
            probabilities.Add([0.95, 0.05, 0, 0]);
            actual.Add(Tier.Hit);
        }

        var viral = CalibrationEvaluator.Calibration(CalibrationMethod.None, probabilities, actual).PerTier["Viral"];

        viral.Ece.Should().BeApproximately(10.0 / 210 * 0.95, 1e-6);
        viral.MaxGap.Should().Be(0);
    }

    /// <summary>Random raw distributions whose true tiers follow a distorted version of them (Viral inflated where large).</summary>
    private static (List<float[]> Raw, List<Tier> Actual) Distorted(Random random, int count)
    {
        var raw = new List<float[]>();
        var actual = new List<Tier>();
        for (var i = 0; i < count; i++)
        {
            var p = Enumerable.Range(0, 4).Select(_ => Math.Pow(random.NextDouble(), 2)).ToArray();
            var total = p.Sum();
            var scores = p.Select(x => x / total).ToArray();
            raw.Add([.. scores.Select(x => (float)x)]);
            var truth = (double[])scores.Clone();
            truth[0] = truth[0] * truth[0];
            var truthTotal = truth.Sum();
            var u = random.NextDouble() * truthTotal;
            var k = 0;
            while (k < 3 && u > truth[k])
            {
                u -= truth[k];
                k++;
            }

            actual.Add((Tier)k);
        }

        return (raw, actual);
    }
}
