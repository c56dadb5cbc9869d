using AwesomeAssertions;
using HitPredictor.Serving.Retraining;
using HitPredictor.Training.Evaluation;

namespace HitPredictor.Tests.Retraining;

public sealed class PromotionGateTests
{
    private static readonly BaselineMetrics Baseline = new("Flop", Accuracy: 0.43, MacroF1: 0.15, LogLoss: 1.2);

    [Theory]
    // no live model: the candidate must beat the majority baseline on both figures
    [InlineData(0.45, 0.55, null, null, true)]
    [InlineData(0.15, 0.55, null, null, false)]
    [InlineData(0.45, 0.43, null, null, false)]
    // a live model: macro-F1 within the tolerance (0.005) and accuracy not lower
    [InlineData(0.45, 0.55, 0.45, 0.55, true)]
    [InlineData(0.446, 0.55, 0.45, 0.55, true)]
    [InlineData(0.444, 0.55, 0.45, 0.55, false)]
    [InlineData(0.50, 0.5499, 0.45, 0.55, false)]
    [InlineData(0.50, 0.60, 0.45, 0.55, true)]
    // better than a poor live model, but not better than always answering Flop: never promoted
    [InlineData(0.26, 0.36, 0.25, 0.34, false)]
    public void Decide_Figures_FollowsTheRule(double candidateF1, double candidateAccuracy, double? liveF1, double? liveAccuracy, bool promote)
    {
        var candidate = new ModelFigures("new", candidateAccuracy, candidateF1, 1.0, 1000);
        var live = liveF1 is null ? null : new ModelFigures("old", liveAccuracy!.Value, liveF1.Value, 1.0, 1000);

        var decision = PromotionGate.Decide(candidate, live, live is null ? null : Unseen(1000), Baseline, macroF1Tolerance: 0.005);

        decision.Promote.Should().Be(promote, decision.Reason);
        decision.Reason.Should().StartWith(promote ? "Promoted" : "Kept the live model");
        decision.Rule.Should().Contain("majority baseline");
    }

    [Fact]
    public void Decide_UnseenRows_RuleStartsWithHowTheRowsWereChosenAndReasonNamesThem()
    {
        var candidate = new ModelFigures("new", 0.5, 0.4, 1.0, 1387);
        var comparison = Unseen(1387);

        var decision = PromotionGate.Decide(candidate, candidate with { Version = "old" }, comparison, Baseline, macroF1Tolerance: 0.01);

        decision.Rule.Should().StartWith(comparison.Description).And.Contain("0.01");
        decision.Reason.Should().StartWith("Promoted (on 1,387 held-out tracks neither model trained on): ");
    }

    [Fact]
    public void Decide_OwnHeldOutFallback_RuleAndReasonSayEachWasJudgedOnItsOwnSplit()
    {
        var comparison = new ComparisonReport
        {
            Method = ComparisonMethod.OwnHeldOut,
            RowsCompared = 1387,
            CandidateHeldOutRows = 1387,
            SeenByLive = 1300,
            Description = "Only 87 of the candidate's 1,387 held-out tracks are new to the live model, so each model is judged on its own held-out split.",
        };

        var decision = PromotionGate.Decide(
            new ModelFigures("new", 0.55, 0.40, 1.0, 1387), new ModelFigures("old", 0.55, 0.45, 1.0, 1390), comparison, Baseline, 0.005);

        decision.Rule.Should().StartWith(comparison.Description);
        decision.Reason.Should().StartWith("Kept the live model (each on its own held-out split): ");
    }

    [Fact]
    public void Decide_MacroF1TooLow_ReasonGivesBothFiguresAndTheGap()
    {
        var decision = PromotionGate.Decide(
            new ModelFigures("new", 0.55, 0.40, 1.0, 100), new ModelFigures("old", 0.55, 0.45, 1.0, 100), Unseen(100), Baseline, 0.005);

        decision.Reason.Should().Contain("macro-F1 0.4000 is 0.0500 below the live model's 0.4500 (tolerance 0.005)");
    }

    [Fact]
    public void Decide_LiveFiguresWithoutTheirComparison_Throws()
    {
        var figures = new ModelFigures("new", 0.55, 0.40, 1.0, 100);

        var decide = () => PromotionGate.Decide(figures, figures with { Version = "old" }, null, Baseline, 0.005);

        decide.Should().Throw<ArgumentException>();
    }

    private static ComparisonReport Unseen(int rows) => new()
    {
        Method = ComparisonMethod.UnseenByBoth,
        RowsCompared = rows,
        CandidateHeldOutRows = rows + 300,
        SeenByLive = 300,
        Description = $"Both models were measured on the {rows} of the candidate's {rows + 300} held-out tracks that the live model never trained on.",
    };
}
