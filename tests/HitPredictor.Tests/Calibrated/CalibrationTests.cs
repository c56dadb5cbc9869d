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
}
