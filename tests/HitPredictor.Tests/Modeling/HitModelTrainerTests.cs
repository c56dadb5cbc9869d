using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Tests.Modeling;

public sealed class HitModelTrainerTests(SampleModelFixture sample)
{
    [Fact]
    public void Train_Sample_BeatsTheMajorityBaseline()
    {
        var metrics = sample.Package.Card.Metrics;

        metrics.Accuracy.Should().BeGreaterThan(metrics.MajorityBaseline.Accuracy);
        metrics.MacroF1.Should().BeGreaterThan(metrics.MajorityBaseline.MacroF1);
        metrics.LogLoss.Should().BeLessThan(metrics.MajorityBaseline.LogLoss);
    }

    [Fact]
    public void Train_Sample_ProbabilitiesOfEveryHeldOutTrackSumToOne()
    {
        using var engine = sample.Package.CreateEngine(sample.Ml);

        foreach (var track in sample.Result.Split.Test.Take(200))
        {
            var prediction = TierPredictor.Predict(sample.Package, engine, ModelInput.From(track.Track));
            prediction.Probabilities.Values.Sum().Should().BeApproximately(1.0, 1e-6);
            prediction.Probabilities.Values.Should().OnlyContain(p => p >= 0 && p <= 1);
        }
    }

    [Theory]
    [InlineData("polka")]
    [InlineData("")]
    public void Engine_GenreTheModelDoesNotKnow_StillGivesProbabilities(string genre)
    {
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var input = ModelInput.From(sample.Result.Split.Test[0].Track);
        input.Genre = genre;

        var probabilities = engine.Predict(input).Probabilities;

        probabilities.Should().HaveCount(4);
        probabilities.Sum().Should().BeApproximately(1f, 1e-4f);
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesTheSameMetrics()
    {
        var again = new HitModelTrainer(SampleModelFixture.Options with { ArtistGroupedEvaluation = false, FeatureImportance = false })
            .Train(sample.Data.Clean, sample.Data.Dataset, cancellationToken: TestContext.Current.CancellationToken);

        var first = sample.Package.Card.Metrics;
        var second = again.Package.Card.Metrics;
        second.Accuracy.Should().Be(first.Accuracy);
        second.MacroF1.Should().Be(first.MacroF1);
        second.LogLoss.Should().Be(first.LogLoss);
        second.Confusion.Counts.Should().BeEquivalentTo(first.Confusion.Counts);
    }

    [Fact]
    public void Train_DifferentForestSeed_GivesADifferentModel()
    {
        var options = SampleModelFixture.Options with
        {
            Forest = SampleModelFixture.Options.Forest with { Seed = 7 },
            ArtistGroupedEvaluation = false,
            FeatureImportance = false,
        };

        var other = new HitModelTrainer(options).Train(sample.Data.Clean, sample.Data.Dataset, cancellationToken: TestContext.Current.CancellationToken);

        other.Package.Card.Metrics.LogLoss.Should().NotBe(sample.Package.Card.Metrics.LogLoss);
    }

    [Fact]
    public void Train_Sample_CountsGenreAsOneFeatureInImportance()
    {
        var importance = sample.Package.Card.Metrics.FeatureImportance;

        importance.Select(f => f.Feature).Should().BeEquivalentTo(FeatureSet.Default.Names);
        importance.Should().ContainSingle(f => f.Feature == TrackColumn.Genre);
    }

    [Fact]
    public void Train_Sample_ReportsArtistGroupedFiguresWithNoArtistOnBothSides()
    {
        var grouped = sample.Package.Card.Metrics.ArtistGrouped;

        grouped.Should().NotBeNull();
        grouped!.TestRows.Should().BeGreaterThan(0);
        grouped.Accuracy.Should().BeInRange(0, 1);
        grouped.Description.Should().Contain("artist");
    }

    [Fact]
    public void Train_TierWithNoTracks_FailsWithClearMessage()
    {
        var options = SampleModelFixture.Options with { Cutoffs = new(100, 99, 98) };

        var act = () => new HitModelTrainer(options).Train(sample.Data.Clean, sample.Data.Dataset, cancellationToken: TestContext.Current.CancellationToken);

        act.Should().Throw<InsufficientDataException>().WithMessage("*no tracks in tier(s) Viral*");
    }

    [Fact]
    public void Train_InvalidOptions_ListsEveryProblem()
    {
        var options = SampleModelFixture.Options with { TestFraction = 1.5, Cutoffs = new(10, 20, 30), CalibrationFraction = 0.6 };

        var act = () => new HitModelTrainer(options).Train(sample.Data.Clean, sample.Data.Dataset, cancellationToken: TestContext.Current.CancellationToken);

        act.Should().Throw<ArgumentException>().WithMessage("*strictly decreasing*test fraction*calibration fraction must be above 0 and at most 0.5, got 0.6*");
    }

    [Fact]
    public void Package_SavedAndLoaded_PredictsTheSame()
    {
        var loaded = ModelPackage.Load(sample.Ml, sample.Directory);
        using var original = sample.Package.CreateEngine(sample.Ml);
        using var reloaded = loaded.CreateEngine(sample.Ml);

        foreach (var track in sample.Result.Split.Test.Take(50))
        {
            var input = ModelInput.From(track.Track);
            reloaded.Predict(input).Probabilities.Should().Equal(original.Predict(input).Probabilities);
        }

        loaded.Card.Should().BeEquivalentTo(sample.Package.Card);
    }
}
