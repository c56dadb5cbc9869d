using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Calibrated;

/// <summary>The sample model's calibration travels inside model.zip and shapes every answer.</summary>
public sealed class PackageCalibrationTests(SampleModelFixture sample)
{
    [Fact]
    public void Load_SavedPackage_CarriesTheTrainedCalibration()
    {
        var loaded = ModelPackage.Load(sample.Ml, sample.Directory);

        loaded.Parts.Names.Should().Contain(MemberCalibration.PartName);
        loaded.Calibration.Calibrator.Method.Should().NotBe(CalibrationMethod.None);
        loaded.Calibration.ToJson().Should().Equal(sample.Package.Calibration.ToJson());
        loaded.Card.Calibration!.PredictionSetLevel.Should().Be(0.9);
    }

    [Fact]
    public void Predict_SampleTracks_AnswersMatchTheCalibrationAppliedToRawScores()
    {
        using var engine = sample.Package.CreateEngine(sample.Ml);
        foreach (var track in sample.Result.Split.Test.Take(50))
        {
            var input = ModelInput.From(track.Track);
            var expected = sample.Package.Calibration.Apply(engine.Predict(input).Probabilities);

            var prediction = TierPredictor.Predict(sample.Package, engine, input);

            prediction.Tier.Should().Be(expected.Tier);
            prediction.Probabilities.Values.Should().Equal(expected.Probabilities);
            prediction.PredictionSet.Tiers.Should().Equal(expected.Set.Select(t => t.ToString()));
            prediction.PredictionSet.Level.Should().Be(0.9);
        }
    }

    [Fact]
    public void CalibratedProbabilities_SampleTracks_AreWhatThePackageAnswersWith()
    {
        // The report's model section and retraining's draw their reliability plots from these.
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var tracks = sample.Result.Split.Test.Take(50).Select(t => ModelInput.From(t.Track)).ToArray();

        var calibrated = ModelScorer.CalibratedProbabilities(sample.Ml, sample.Package, tracks);

        calibrated.Should().HaveCount(tracks.Length);
        for (var i = 0; i < tracks.Length; i++)
        {
            var expected = sample.Package.Calibration.Apply(engine.Predict(tracks[i]).Probabilities).Probabilities;
            calibrated[i].Select(p => (double)p).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public void Predict_NoGenre_AnsweredWithoutGenreWithTopTierFirstInTheSet()
    {
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var input = ModelInput.From(sample.Result.Split.Test[0].Track);
        input.Genre = "";

        var prediction = TierPredictor.Predict(sample.Package, engine, input);

        prediction.Model.Should().Be("no-genre");
        prediction.Missing.Should().Equal("genre");
        prediction.Probabilities.Values.Sum().Should().BeApproximately(1, 1e-9);
        prediction.PredictionSet.Tiers[0].Should().Be(prediction.Probabilities.MaxBy(p => p.Value).Key);
    }

    [Fact]
    public void Card_Sample_HeldOutCalibrationMatchesTheSavedPackage()
    {
        var card = sample.Package.Card;

        card.Metrics.Calibration!.Bins.Should().Be(10);
        card.Metrics.Calibration.PerTier.Keys.Should().Equal("Viral", "Hit", "Mid", "Flop");
        card.Metrics.PredictionSets!.Level.Should().Be(0.9);
        card.Metrics.CalibrationCandidates.Should().ContainSingle(c => c.Chosen)
            .Which.Method.Should().Be(card.Metrics.Calibration.Method);
        card.Metrics.LogLoss.Should().BeLessThan(card.Metrics.MajorityBaseline.LogLoss);
    }
}
