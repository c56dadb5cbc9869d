using AwesomeAssertions;
using CsCheck;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Forest;

/// <summary>The direct evaluator gives the prediction engine's probabilities, to 1e-6, on any valid track of any genre.</summary>
public sealed class ForestEvaluatorTests(SampleModelFixture sample)
{
    /// <summary>Valid tracks over every genre the model knows, each field anywhere in its range (edges included).</summary>
    public static Gen<ModelInput> Tracks(IReadOnlyList<string> genres) =>
        Gen.Select(
            Gen.Select(Unit, Unit, Gen.Float[-60f, 5f], Gen.Float[0f, 250f], Unit, Unit),
            Gen.Select(Unit, Unit, Unit, Gen.Int[1_000, 3_600_000], Gen.Int[-1, 11], Gen.Int[0, 1]),
            Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1], Gen.OneOf(genres.ToArray())),
            (a, b, c) => new ModelInput
            {
                Danceability = a.Item1, Energy = a.Item2, Loudness = a.Item3, Tempo = a.Item4, Speechiness = a.Item5,
                Acousticness = a.Item6, Instrumentalness = b.Item1, Liveness = b.Item2, Valence = b.Item3,
                DurationMs = b.Item4, Key = b.Item5, Mode = b.Item6, TimeSignature = c.Item1, Explicit = c.Item2, Genre = c.Item3,
            });

    private static Gen<float> Unit => Gen.OneOf(Gen.Float[0f, 1f], Gen.Const(0f), Gen.Const(1f), Gen.Const(0.5f));

    [Fact]
    public void Predict_AnyValidTrack_MatchesThePredictionEngineTo1e6()
    {
        // Arrange
        ForestEvaluator.TryCreate(sample.Package, out var evaluator, out var reason).Should().BeTrue(reason);
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var probabilities = new float[evaluator!.Classes];

        // Act, Assert
        Tracks(sample.Package.Card.Genres).Sample(track =>
        {
            var expected = engine.Predict(track).Probabilities;
            evaluator.Predict(track, probabilities);
            for (var c = 0; c < expected.Length; c++)
            {
                probabilities[c].Should().BeApproximately(expected[c], 1e-6f, "tier {0} of {1}", c, track.Genre);
            }
        }, iter: 2_000, threads: 1, print: t => System.Text.Json.JsonSerializer.Serialize(t));
    }

    [Fact]
    public void Predict_EveryGenre_MatchesThePredictionEngine()
    {
        ForestEvaluator.TryCreate(sample.Package, out var evaluator, out var reason).Should().BeTrue(reason);
        using var engine = sample.Package.CreateEngine(sample.Ml);
        var probabilities = new float[evaluator!.Classes];
        var track = ModelInput.From(sample.Data.Clean.Tracks[0]);

        evaluator.Genres.Should().BeEquivalentTo(sample.Package.Card.Genres);
        foreach (var genre in sample.Package.Card.Genres)
        {
            track.Genre = genre;
            evaluator.Predict(track, probabilities);
            probabilities.Should().Equal(engine.Predict(track).Probabilities, (a, b) => Math.Abs(a - b) <= 1e-6f, genre);
        }
    }

    [Fact]
    public void TryCreate_SampleModel_ReadsEveryTreeOfEveryTier()
    {
        ForestEvaluator.TryCreate(sample.Package, out var evaluator, out _).Should().BeTrue();

        evaluator!.Classes.Should().Be(4);
        evaluator.TreesPerClass.Should().Be(SampleModelFixture.Options.Forest.Trees);
    }
}
