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

        var decision = PromotionGate.Decide(candidate, live, Baseline, macroF1Tolerance: 0.005);

        decision.Promote.Should().Be(promote, decision.Reason);
        decision.Reason.Should().StartWith(promote ? "Promoted" : "Kept the live model");
        decision.Rule.Should().Contain("majority baseline");
    }

    [Fact]
    public void Decide_LiveModel_RuleNamesTheToleranceAndTheSameRows()
    {
        var candidate = new ModelFigures("new", 0.5, 0.4, 1.0, 1387);

        var decision = PromotionGate.Decide(candidate, candidate with { Version = "old" }, Baseline, macroF1Tolerance: 0.01);

        decision.Rule.Should().Contain("0.01").And.Contain("the same 1387 rows");
    }

    [Fact]
    public void Decide_MacroF1TooLow_ReasonGivesBothFiguresAndTheGap()
    {
        var decision = PromotionGate.Decide(
            new ModelFigures("new", 0.55, 0.40, 1.0, 100), new ModelFigures("old", 0.55, 0.45, 1.0, 100), Baseline, 0.005);

        decision.Reason.Should().Contain("macro-F1 0.4000 is 0.0500 below the live model's 0.4500 (tolerance 0.005)");
    }
}
