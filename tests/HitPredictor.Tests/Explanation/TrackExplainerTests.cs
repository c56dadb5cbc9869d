using System.Text.Json;
using AwesomeAssertions;
using CsCheck;
using HitPredictor.Tests.Forest;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Tests.Explanation;

/// <summary>Shapley explanations of the calibrated probabilities: additive, deterministic, stated against the genre's typical track.</summary>
public sealed class TrackExplainerTests(SampleModelFixture sample)
{
    [Fact]
    public void Explain_AnyValidTrackAndGenre_BaselinePlusContributionsIsTheReturnedProbability()
    {
        // Arrange
        TrackExplainer.TryCreate(sample.Package, out var explainer, out var reason).Should().BeTrue(reason);
        using var engine = sample.Package.CreateEngine(sample.Ml);

        // Act, Assert
        ForestEvaluatorTests.Tracks(sample.Package.Card.Genres).Sample(track =>
        {
            var returned = TierPredictor.Predict(sample.Package, engine, track).Probabilities;
            explainer!.TryExplain(track, out var explanation, out var why).Should().BeTrue(why);
            foreach (var tier in TierCutoffs.All)
            {
                var sum = explanation!.Baseline[tier.ToString()] + explanation.Contributions.Sum(c => c[tier]);
                sum.Should().BeApproximately(returned[tier.ToString()], 1e-6, "tier {0} of a {1} track", tier, track.Genre);
            }
        }, iter: 300, threads: 1, print: t => JsonSerializer.Serialize(t));
    }

    [Fact]
    public void Explain_SameTrackTwice_SameContributionsEvenFromAnotherExplainer()
    {
        TrackExplainer.TryCreate(sample.Package, out var first, out _).Should().BeTrue();
        TrackExplainer.TryCreate(sample.Package, out var second, out _).Should().BeTrue();
        var track = ModelInput.From(sample.Data.Clean.Tracks[7]);

        first!.TryExplain(track, out var a, out _).Should().BeTrue();
        first.TryExplain(track.Clone(), out var b, out _).Should().BeTrue();
        second!.TryExplain(track.Clone(), out var c, out _).Should().BeTrue();

        JsonSerializer.Serialize(b).Should().Be(JsonSerializer.Serialize(a));
        JsonSerializer.Serialize(c).Should().Be(JsonSerializer.Serialize(a));
    }

    [Fact]
    public void Explain_TrackIsTheGenresTypicalTrack_EveryContributionZeroAndBaselineIsItsProbability()
    {
        // Arrange
        TrackExplainer.TryCreate(sample.Package, out var explainer, out _).Should().BeTrue();
        var benchmarks = GenreBenchmarks.From(sample.Package.Parts)!;
        var genre = sample.Package.Card.Genres[3];
        var typical = new ModelInput { Genre = genre };
        foreach (var feature in FeatureSet.Default.Numeric)
        {
            feature.Set(typical, benchmarks.Genres[genre].Typical[benchmarks.Features.ToList().IndexOf(feature.Name)]);
        }

        using var engine = sample.Package.CreateEngine(sample.Ml);

        // Act
        explainer!.TryExplain(typical, out var explanation, out _).Should().BeTrue();

        // Assert
        explanation!.Contributions.Should().OnlyContain(c => c.Viral == 0 && c.Hit == 0 && c.Mid == 0 && c.Flop == 0 && c.Value == c.Reference);
        var returned = TierPredictor.Predict(sample.Package, engine, typical).Probabilities;
        explanation.Baseline.Should().BeEquivalentTo(returned, o => o.Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-6)).WhenTypeIs<double>());
    }

    [Fact]
    public void Explain_ContributionsCoverEveryNumericFeatureLargestFirst()
    {
        TrackExplainer.TryCreate(sample.Package, out var explainer, out _).Should().BeTrue();
        var track = ModelInput.From(sample.Data.Clean.Tracks[42]);

        explainer!.TryExplain(track, out var explanation, out _).Should().BeTrue();

        explanation!.Contributions.Select(c => c.Feature).Should().BeEquivalentTo(FeatureSet.Default.Numeric.Select(f => f.Name));
        explanation.Contributions.Select(c => Math.Abs(c.Viral) + Math.Abs(c.Hit) + Math.Abs(c.Mid) + Math.Abs(c.Flop)).Should().BeInDescendingOrder();
        explanation.Contributions.Single(c => c.Feature == "tempo").Value.Should().Be(track.Tempo);
        explanation.Benchmark!.Genre.Should().Be(track.Genre);
        explanation.Benchmark.Tiers.Should().Equal("Viral", "Hit");
    }

    [Fact]
    public void Explain_NoGenre_NoExplanationAndTheReason()
    {
        TrackExplainer.TryCreate(sample.Package, out var explainer, out _).Should().BeTrue();
        var track = ModelInput.From(sample.Data.Clean.Tracks[0]);
        track.Genre = "";

        explainer!.TryExplain(track, out var explanation, out var reason).Should().BeFalse();

        explanation.Should().BeNull();
        reason.Should().StartWith("no genre given");
    }

    [Fact]
    public void TryCreate_PackageWithoutBenchmarks_FalseWithTheReason()
    {
        var bare = new ModelPackage(
            sample.Package.Model, sample.Package.InputSchema, sample.Package.Card,
            PackageParts.Empty.With(MemberCalibration.PartName, sample.Package.Calibration.ToJson()));

        TrackExplainer.TryCreate(bare, out var explainer, out var reason).Should().BeFalse();

        explainer.Should().BeNull();
        reason.Should().Contain(GenreBenchmarks.PartName).And.Contain("retrain");
    }
}
