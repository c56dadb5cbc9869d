using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Tests.Retraining;

/// <summary>
/// The sample model plays both parts: as the candidate (its own split), and as a live model that claims to have also
/// trained on the first half of that split's held-out tracks, so the comparison must leave exactly those out.
/// </summary>
public sealed class FairComparisonTests(SampleModelFixture sample)
{
    [Fact]
    public void Measure_LiveTrainedOnSomeHeldOutTracks_BothMeasuredOnlyOnTheOthers()
    {
        // Arrange
        var (candidate, live, unseen) = LiveThatSawHalfTheHeldOut();

        // Act
        var compared = FairComparison.Measure(sample.Ml, candidate, sample.Result.Split, live, minRows: 200);

        // Assert
        var held = sample.Result.Split.Test.Count;
        var report = compared.Comparison;
        report.Method.Should().Be(ComparisonMethod.UnseenByBoth);
        report.RowsCompared.Should().Be(unseen.Count);
        report.CandidateHeldOutRows.Should().Be(held);
        report.SeenByLive.Should().Be(held - unseen.Count);
        var expected = HoldoutEvaluator.Evaluate(sample.Ml, live, unseen).Metrics;
        compared.Live.Rows.Should().Be(unseen.Count);
        compared.Live.MacroF1.Should().Be(expected.MacroF1);
        compared.Live.Accuracy.Should().Be(expected.Accuracy);
        compared.Candidate.Rows.Should().Be(unseen.Count);
        compared.Candidate.MacroF1.Should().Be(HoldoutEvaluator.Evaluate(sample.Ml, candidate, unseen).Metrics.MacroF1);
        compared.Baseline.Accuracy.Should().Be(
            (double)unseen.Count(t => t.Tier.ToString() == compared.Baseline.Tier) / unseen.Count);
        report.LiveOwnHeldOutMacroF1.Should().Be(live.Card.Metrics.MacroF1);
        report.LiveShift.Should().BeApproximately(expected.MacroF1 - live.Card.Metrics.MacroF1, 1e-12);
        report.Description.Should().StartWith(FormattableString.Invariant($"Both models were measured on the {unseen.Count:N0} of the candidate's {held:N0} held-out tracks that the live model never trained on"));
    }

    [Fact]
    public void Measure_FewerUnseenRowsThanTheMinimum_EachJudgedOnItsOwnHeldOut()
    {
        var (candidate, live, unseen) = LiveThatSawHalfTheHeldOut();

        var compared = FairComparison.Measure(sample.Ml, candidate, sample.Result.Split, live, minRows: unseen.Count + 1);

        compared.Comparison.Method.Should().Be(ComparisonMethod.OwnHeldOut);
        compared.Comparison.SeenByLive.Should().Be(sample.Result.Split.Test.Count - unseen.Count);
        compared.Comparison.LiveShift.Should().BeNull();
        compared.Comparison.Description.Should().Contain(FormattableString.Invariant($"fewer than the {unseen.Count + 1:N0} needed (Retraining:MinComparisonRows)"))
            .And.Contain("each model is judged on its own held-out split");
        compared.Live.Should().Be(new ModelFigures(
            live.Card.Version, live.Card.Metrics.Accuracy, live.Card.Metrics.MacroF1, live.Card.Metrics.LogLoss, live.Card.Split.TestRows));
        compared.Candidate.MacroF1.Should().Be(candidate.Card.Metrics.MacroF1);
        compared.Baseline.Should().Be(candidate.Card.Metrics.MajorityBaseline);
    }

    [Fact]
    public void Measure_LivePackageWithoutTrainingKeys_EachJudgedOnItsOwnHeldOut()
    {
        var candidate = sample.Package.WithCard(sample.Package.Card with { Version = "candidate" });
        sample.Package.Parts.TryGet(MemberCalibration.PartName, out var calibration).Should().BeTrue();
        var live = new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card,
            PackageParts.Empty.With(MemberCalibration.PartName, calibration));

        var compared = FairComparison.Measure(sample.Ml, candidate, sample.Result.Split, live, minRows: 1);

        compared.Comparison.Method.Should().Be(ComparisonMethod.OwnHeldOut);
        compared.Comparison.SeenByLive.Should().BeNull();
        compared.Comparison.Description.Should().StartWith("The live model's package does not record which tracks it trained on");
        compared.Live.Rows.Should().Be(live.Card.Split.TestRows);
    }

    private (ModelPackage Candidate, ModelPackage Live, IReadOnlyList<LabelledTrack> Unseen) LiveThatSawHalfTheHeldOut()
    {
        var split = sample.Result.Split;
        var seen = split.Test.Take(split.Test.Count / 2).ToArray();
        var keys = TrainingKeys.From(split.Train.Concat(seen).Select(t => t.Track));
        var live = new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card,
            sample.Package.Parts.With(TrainingKeys.PartName, keys.ToBytes()));
        var candidate = sample.Package.WithCard(sample.Package.Card with { Version = "candidate" });
        return (candidate, live, [.. split.Test.Skip(seen.Length)]);
    }
}
