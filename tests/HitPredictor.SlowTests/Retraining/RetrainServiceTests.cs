using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.TestData;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Tests.Retraining;

/// <summary>The retraining service over a folder store: promotion, idempotency, the gate, and the report it writes.</summary>
public sealed class RetrainServiceTests(SampleModelFixture sample) : IDisposable
{
    private readonly RetrainHarness _harness = new();

    [Fact]
    public async Task Run_FirstGoodDataset_PromotesAndWritesReportAndModelSection()
    {
        // Arrange
        _harness.Options.ModelSection = true;
        var dataset = _harness.Write("tracks.csv", File.ReadAllBytes(TestPaths.Sample));

        // Act
        var report = await _harness.RunAsync(dataset);

        // Assert
        report.Outcome.Should().Be(RetrainOutcome.Promoted, report.Reason);
        report.Reason.Should().StartWith("Promoted the first model");
        (await _harness.Models.GetCurrentAsync(TestContext.Current.CancellationToken))!.Version.Should().Be(report.Candidate!.Version);
        report.LiveVersionAfter.Should().Be(report.Candidate.Version);
        report.Hygiene!.RowsRead.Should().Be(7_410);
        report.RejectedRows!.Total.Should().Be(0);
        report.Timings.Keys.Should().ContainInOrder("inspect", "hash", "idempotency", "lock", "read", "train", "compare", "promote", "modelSection", "record");
        report.Memory!.PeakWorkingSetBytes.Should().BePositive();
        Path.GetFileName(report.ModelSection).Should().Be(ModelSectionInput.FileName);
        var section = ModelSectionInput.FromJson(File.ReadAllBytes(report.ModelSection!));
        section.Card.Version.Should().Be(report.Candidate.Version);
        section.Actual.Should().HaveCount(section.Card.Split.TestRows).And.HaveCount(section.Probabilities.Count);
        section.Probabilities.Should().OnlyContain(p => Math.Abs(p.Sum() - 1) < 1e-4, "the section holds the calibrated probabilities the model answers with");

        var stored = _harness.StoredReport(report);
        stored["outcome"]!.GetValue<string>().Should().Be("promoted");
        stored["sha256"]!.GetValue<string>().Should().Be(report.Sha256).And.HaveLength(64);
        stored["rule"]!.GetValue<string>().Should().Contain("majority baseline");
        (await _harness.MarkerAsync(report.Sha256!))!.Version.Should().Be(report.Candidate.Version);
    }

    [Fact]
    public async Task Run_SameBytesUnderAnotherName_NotTrainedAgain()
    {
        var bytes = File.ReadAllBytes(TestPaths.Sample);
        var first = await _harness.RunAsync(_harness.Write("first.csv", bytes));

        var second = await _harness.RunAsync(_harness.Write("second.csv", bytes));

        second.Outcome.Should().Be(RetrainOutcome.AlreadyTrained);
        second.AlreadyTrainedAs.Should().Be(first.Candidate!.Version);
        second.Reason.Should().Contain($"Already trained as version {first.Candidate.Version}").And.Contain("'first.csv'");
        second.Timings.Should().NotContainKey("train");
        _harness.Versions().Should().Equal(first.Candidate.Version);
        _harness.StoredReport(second)["outcome"]!.GetValue<string>().Should().Be("alreadyTrained");
    }

    [Fact]
    public async Task Run_ShuffledLabelsAfterGoodModel_KeptLiveAndReportSaysWhy()
    {
        // Arrange
        var good = await _harness.RunAsync(_harness.Write("good.csv", File.ReadAllBytes(TestPaths.Sample)));
        var etag = await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken);

        // Act
        var shuffled = await _harness.RunAsync(_harness.Write("shuffled.csv", RetrainDatasets.ShuffledLabels(TestPaths.Sample)));

        // Assert
        shuffled.Outcome.Should().Be(RetrainOutcome.KeptLive, shuffled.Reason);
        shuffled.Reason.Should().StartWith("Kept the live model").And.Contain("majority baseline");
        shuffled.Live!.Version.Should().Be(good.Candidate!.Version);
        // The same tracks with other labels: only the held-out tracks the good model never trained on are compared.
        shuffled.Comparison!.Method.Should().Be(ComparisonMethod.UnseenByBoth);
        shuffled.Comparison.SeenByLive.Should().BePositive();
        shuffled.Live.Rows.Should().Be(shuffled.Comparison.RowsCompared).And.Be(shuffled.Candidate!.Rows);
        shuffled.Reason.Should().StartWith($"Kept the live model ({shuffled.Comparison.Basis()}): ");
        (await _harness.Models.GetCurrentETagAsync(TestContext.Current.CancellationToken)).Should().Be(etag);
        _harness.Versions().Should().Equal(good.Candidate.Version);
        (await _harness.MarkerAsync(shuffled.Sha256!))!.Outcome.Should().Be(RetrainOutcome.KeptLive);
    }

    [Fact]
    public async Task Run_SecondDataset_GateComparesBothModelsOnTheSameRowsAndTheRuleSaysWhich()
    {
        var first = await _harness.RunAsync(_harness.Write("a.csv", File.ReadAllBytes(TestPaths.Sample)));

        var second = await _harness.RunAsync(_harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample)));

        second.Live!.Version.Should().Be(first.Candidate!.Version);
        var baseline = second.MajorityBaseline!;
        var beatsBaseline = second.Candidate!.MacroF1 > baseline.MacroF1 && second.Candidate.Accuracy > baseline.Accuracy;
        var holdsAgainstLive = second.Candidate.MacroF1 >= second.Live.MacroF1 - 0.005 && second.Candidate.Accuracy >= second.Live.Accuracy;
        second.Outcome.Should().Be(beatsBaseline && holdsAgainstLive ? RetrainOutcome.Promoted : RetrainOutcome.KeptLive, second.Reason);
        second.Comparison!.Method.Should().Be(ComparisonMethod.UnseenByBoth);
        second.Live.Rows.Should().Be(second.Candidate.Rows).And.Be(second.Comparison.RowsCompared);
        second.Rule.Should().StartWith(second.Comparison.Description);
    }

    [Fact]
    public async Task Run_UploadExtendingTheLiveData_LiveModelScoredOnlyOnTracksItNeverTrainedOn()
    {
        // Arrange: the live model trained on the sample's first genres; the upload is the whole sample.
        var first = await _harness.RunAsync(_harness.Write("first-genres.csv", RetrainDatasets.FirstRows(TestPaths.Sample, 3_000)));
        var live = await _harness.LoadAsync(first.Candidate!.Version);
        var upload = _harness.Write("extended.csv", File.ReadAllBytes(TestPaths.Sample));
        var heldOut = await _harness.HeldOutAsync(upload);
        var unseen = heldOut.Where(t => !live.TrainingKeys!.Contains(t.Track)).ToArray();

        // Act
        var report = await _harness.RunAsync(upload);

        // Assert
        unseen.Length.Should().BeLessThan(heldOut.Count, "the upload holds tracks the live model trained on");
        report.Comparison!.Method.Should().Be(ComparisonMethod.UnseenByBoth);
        report.Comparison.CandidateHeldOutRows.Should().Be(heldOut.Count);
        report.Comparison.SeenByLive.Should().Be(heldOut.Count - unseen.Length);
        report.Comparison.RowsCompared.Should().Be(unseen.Length);
        var expected = HoldoutEvaluator.Evaluate(new MLContext(0), live, unseen).Metrics;
        report.Live!.Rows.Should().Be(unseen.Length);
        report.Live.MacroF1.Should().BeApproximately(expected.MacroF1, 1e-9, "the live model is measured on exactly the held-out tracks it never trained on");
        report.Live.Accuracy.Should().BeApproximately(expected.Accuracy, 1e-9);
        report.Candidate!.Rows.Should().Be(unseen.Length);
        report.Comparison.LiveShift.Should().BeApproximately(expected.MacroF1 - live.Card.Metrics.MacroF1, 1e-9);
        report.Rule.Should().StartWith(FormattableString.Invariant(
            $"Both models were measured on the {unseen.Length:N0} of the candidate's {heldOut.Count:N0} held-out tracks that the live model never trained on"));
        var stored = _harness.StoredReport(report)["comparison"]!;
        stored["method"]!.GetValue<string>().Should().Be("unseenByBoth");
        stored["rowsCompared"]!.GetValue<int>().Should().Be(unseen.Length);
        stored["seenByLive"]!.GetValue<int>().Should().Be(heldOut.Count - unseen.Length);
        stored["description"]!.GetValue<string>().Should().Be(report.Comparison.Description);
    }

    [Fact]
    public async Task Run_LivePackageWithoutTrainingKeys_EachJudgedOnItsOwnHeldOutAndReportSaysSo()
    {
        // Arrange: a live model saved before packages recorded their training keys.
        sample.Package.Parts.TryGet(MemberCalibration.PartName, out var calibration).Should().BeTrue();
        var old = new ModelPackage(sample.Package.Model, sample.Package.InputSchema, sample.Package.Card with { Version = "old" },
            PackageParts.Empty.With(MemberCalibration.PartName, calibration));
        await _harness.PublishLiveAsync(old);

        // Act
        var report = await _harness.RunAsync(_harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample)));

        // Assert
        report.Live!.Version.Should().Be("old");
        report.Comparison!.Method.Should().Be(ComparisonMethod.OwnHeldOut);
        report.Comparison.SeenByLive.Should().BeNull();
        report.Live.Should().Be(new ModelFigures("old", old.Card.Metrics.Accuracy, old.Card.Metrics.MacroF1, old.Card.Metrics.LogLoss, old.Card.Split.TestRows));
        report.Rule.Should().StartWith("The live model's package does not record which tracks it trained on");
        report.Reason.Should().Contain("(each on its own held-out split)");
        _harness.StoredReport(report)["comparison"]!["method"]!.GetValue<string>().Should().Be("ownHeldOut");
    }

    [Fact]
    public async Task Run_FewerUnseenRowsThanTheMinimum_FallsBackToOwnHeldOutAndSaysSo()
    {
        // Arrange
        var first = await _harness.RunAsync(_harness.Write("a.csv", File.ReadAllBytes(TestPaths.Sample)));
        var live = await _harness.LoadAsync(first.Candidate!.Version);
        _harness.Options.MinComparisonRows = 1_000_000;

        // Act
        var report = await _harness.RunAsync(_harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample)));

        // Assert
        report.Comparison!.Method.Should().Be(ComparisonMethod.OwnHeldOut);
        report.Comparison.SeenByLive.Should().BePositive();
        report.Rule.Should().StartWith(FormattableString.Invariant(
            $"Only {report.Comparison.CandidateHeldOutRows - report.Comparison.SeenByLive:N0} of the candidate's {report.Comparison.CandidateHeldOutRows:N0} held-out tracks are new to the live model"))
            .And.Contain("fewer than the 1,000,000 needed (Retraining:MinComparisonRows)");
        report.Live.Should().Be(new ModelFigures(
            live.Card.Version, live.Card.Metrics.Accuracy, live.Card.Metrics.MacroF1, live.Card.Metrics.LogLoss, live.Card.Split.TestRows));
        report.Candidate!.Rows.Should().Be(report.Comparison.CandidateHeldOutRows, "the candidate is judged on its whole held-out split");
    }

    [Fact]
    public async Task Run_TwoAtOnce_BothHandledOneAtATime()
    {
        var a = _harness.Write("a.csv", File.ReadAllBytes(TestPaths.Sample));
        var b = _harness.Write("b.csv", RetrainDatasets.Reversed(TestPaths.Sample));

        var reports = await Task.WhenAll(_harness.RunAsync(a), _harness.RunAsync(b));

        reports.Select(r => r.Outcome).Should().OnlyContain(o => o == RetrainOutcome.Promoted || o == RetrainOutcome.KeptLive);
        var ordered = reports.OrderBy(r => r.LockAcquiredAt).ToArray();
        ordered[0].LockReleasedAt.Should().BeOnOrBefore(ordered[1].LockAcquiredAt!.Value);
        ordered[1].Live!.Version.Should().Be(ordered[0].Candidate!.Version, "the second run compares with what the first promoted");
    }

    public void Dispose() => _harness.Dispose();
}
