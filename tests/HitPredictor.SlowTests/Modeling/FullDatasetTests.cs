using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Modeling;

namespace HitPredictor.Tests.Modeling;

/// <summary>
/// The released settings on the full shared dataset: exact hygiene counts and the quality and calibration bars
/// (figures in docs/model.md; the one bar it does not hold, maxGap at most 0.05, is explained there).
/// </summary>
public sealed class FullDatasetTests
{
    [Fact]
    public async Task Train_FullSharedDataset_ReportsExactHygieneCountsAndMeetsTheQualityBar()
    {
        var path = TestPaths.FullDataset;
        if (path is null)
        {
            Assert.Skip("The full dataset ../shared/data/spotify_tracks.csv is absent (set HITPREDICTOR_FULL_DATA to point at it).");
        }

        var options = new TrainingOptions { FeatureImportance = false };
        var data = await TrainingData.LoadAsync(path, FeatureSet.Default, new HygieneOptions(), TestContext.Current.CancellationToken);

        data.Clean.Counts.Should().BeEquivalentTo(new
        {
            RowsRead = 114_000,
            RejectedRows = 0,
            AfterExcludedGenres = 113_000,
            AfterIncomplete = 112_999,
            AfterDeduplication = 80_398,
            DuplicatesRemoved = 32_601,
        });

        var card = new HitModelTrainer(options).Train(data.Clean, data.Dataset, cancellationToken: TestContext.Current.CancellationToken).Package.Card;

        card.Dataset.Sha256.Should().Be("b202fa49909b2d5cef71a04b1d21243cfeb36414535f2ca9272aa646721177bd");
        var metrics = card.Metrics;
        var grouped = metrics.ArtistGrouped!;
        TestContext.Current.SendDiagnosticMessage(FormattableString.Invariant(
            $"full dataset: accuracy {metrics.Accuracy:F4}, macro-F1 {metrics.MacroF1:F4}, log-loss {metrics.LogLoss:F4}, Viral recall {metrics.PerTier["Viral"].Recall:F4}, ECE {string.Join("/", metrics.Calibration!.PerTier.Values.Select(t => t.Ece.ToString("F4")))}, maxGap {string.Join("/", metrics.Calibration.PerTier.Values.Select(t => t.MaxGap.ToString("F4")))}, set coverage {metrics.PredictionSets!.Coverage:F4} (mean size {metrics.PredictionSets.MeanSize:F2}), unseen artists ECE {string.Join("/", grouped.Calibration!.PerTier.Values.Select(t => t.Ece.ToString("F4")))}"));
        metrics.Accuracy.Should().BeGreaterThanOrEqualTo(0.689, "at most 0.003 below the uncalibrated release's 0.692");
        metrics.MacroF1.Should().BeGreaterThanOrEqualTo(0.592, "at most 0.003 below the uncalibrated release's 0.595");
        metrics.PerTier["Viral"].Recall.Should().BeGreaterThanOrEqualTo(0.30);
        metrics.LogLoss.Should().BeLessThanOrEqualTo(0.75).And.BeLessThan(metrics.MajorityBaseline.LogLoss);
        metrics.Calibration.PerTier.Values.Should().OnlyContain(t => t.Ece <= 0.015, "every tier's probabilities are calibrated on the held-out split");
        metrics.Calibration.PerTier.Values.Should().OnlyContain(
            t => t.MaxGap <= 0.08, "no reliability bin is off by more than a perfectly calibrated model's 95th percentile for Viral (0.088, docs/model.md)");
        metrics.PredictionSets.Coverage.Should().BeInRange(0.885, 0.915);
        grouped.Calibration.PerTier.Values.Should().OnlyContain(t => t.Ece <= 0.03, "calibration holds on artists the model never saw");
    }
}
