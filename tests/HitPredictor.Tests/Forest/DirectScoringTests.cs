using AwesomeAssertions;
using CsCheck;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Forest;

/// <summary>
/// Scoring with the forest evaluated directly (one track, or a batch walked tree by tree) gives what the prediction
/// engine gives: a complete track's calibrated probabilities to 1e-6 with the same tier and set, and a batch exactly
/// what scoring its tracks one at a time gives, whatever mix of complete, partial and genre-less tracks it holds.
/// </summary>
public sealed class DirectScoringTests(SampleModelFixture sample)
{
    [Fact]
    public void Predict_CompleteTrack_MatchesThePredictionEngineTo1e6()
    {
        // Arrange
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var family = sample.Package.Family;
        family.Main.Evaluator.Should().NotBeNull("the main member's forest is read into arrays");

        // Act, Assert
        ForestEvaluatorTests.Tracks(sample.Package.Card.Genres).Sample(track =>
        {
            var expected = family.Main.Calibration.Apply(engine.Predict(track).Probabilities);
            var direct = TierPredictor.Predict(engine, family, track);
            direct.Tier.Should().Be(expected.Tier);
            direct.PredictionSet.Tiers.Should().Equal(expected.Set.Select(t => t.ToString()));
            foreach (var (tier, probability) in direct.Probabilities)
            {
                probability.Should().BeApproximately(expected.Probabilities[(int)Enum.Parse<Training.Tiers.Tier>(tier)], 1e-6, tier);
            }
        }, iter: 1_000, threads: 1);
    }

    [Fact]
    public void Predict_AnyBatch_GivesEachTracksOwnPrediction()
    {
        // Arrange
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var family = sample.Package.Family;
        var track = Gen.Select(ForestEvaluatorTests.Tracks(sample.Package.Card.Genres), Gen.Int[0, 9], (t, roll) =>
        {
            if (roll == 0)
            {
                t.Genre = "";
            }
            else if (roll == 1)
            {
                t.Tempo = float.NaN;
            }

            return t;
        });

        // Act, Assert
        track.Array[1, 300].Sample(batch =>
        {
            var direct = TierPredictor.Predict(engine, family, batch);
            direct.Should().BeEquivalentTo(batch.Select(t => TierPredictor.Predict(engine, family, t)), o => o.WithStrictOrdering());
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Predict_CancelledBatch_Throws()
    {
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var track = ModelInput.From(sample.Data.Clean.Tracks[0]);

        var act = () => TierPredictor.Predict(engine, sample.Package.Family, [track], new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }
}
