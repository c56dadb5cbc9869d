using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace HitPredictor.Tests.Serving;

/// <summary>
/// The per-request budget in forest evaluations (a track with missing features costs one per integration row, a complete
/// one or a genre-less one answered by the member without genre costs one) and the gate on expensive requests.
/// </summary>
public sealed class PredictionBudgetTests(SampleModelFixture sample)
{
    /// <summary>What a pop track without its key costs: the pop rows its gap is averaged over.</summary>
    private int Rows => sample.Package.Family.Sample!.RowsFor("pop").Count;

    private static JsonNode WithoutKey()
    {
        var track = ServingTestData.Track("pop");
        track.Remove("key");
        return track;
    }

    [Fact]
    public async Task Score_BatchWithGapsOverBudget_Returns413WithCostBudgetAndFix()
    {
        // Arrange: one track with a gap more than the budget holds
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxPredictionsPerRequest = Rows * 3, ExpensiveRequestPredictions = Rows });
        var tracks = new JsonArray([.. Enumerable.Range(0, 4).Select(_ => WithoutKey())]);

        // Act
        var result = await harness.ScoreAsync(new JsonObject { ["tracks"] = tracks });

        // Assert
        result.StatusCode.Should().Be(413);
        result.ContentType.Should().StartWith("application/problem+json");
        var detail = ((ProblemDetails)result.Value!).Detail;
        detail.Should().Contain($"costs {Rows * 4:N0} predictions (4 tracks with missing features cost up to {Rows:N0} each")
            .And.Contain($"over the budget of {Rows * 3:N0} per request")
            .And.Contain("Give each track every feature of one of the family's input sets")
            .And.Contain("at most 3 tracks with missing features per request");
    }

    [Fact]
    public async Task Score_BatchWithGapsWithinBudget_Scores()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxPredictionsPerRequest = Rows * 3, ExpensiveRequestPredictions = Rows });
        var tracks = new JsonArray([.. Enumerable.Range(0, 3).Select(_ => WithoutKey())]);

        var result = await harness.ScoreAsync(new JsonObject { ["tracks"] = tracks });

        result.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task Score_GenreLessTracks_CostOnePredictionEach()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxPredictionsPerRequest = 5, ExpensiveRequestPredictions = 5 });

        var fits = await harness.ScoreAsync(new JsonArray([.. Enumerable.Range(0, 5).Select(_ => (JsonNode)ServingTestData.Track(genre: null))]));
        var over = await harness.ScoreAsync(new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)ServingTestData.Track(genre: null))]));

        fits.StatusCode.Should().Be(200);
        over.StatusCode.Should().Be(413);
        ((ProblemDetails)over.Value!).Detail.Should().StartWith("Scoring these 6 tracks costs 6 predictions, over the budget of 5");
    }

    [Fact]
    public async Task Score_TracksWithGenreOverBudget_Returns413SayingSplit()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxPredictionsPerRequest = 5, ExpensiveRequestPredictions = 5 });
        var tracks = new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)ServingTestData.Track("pop"))]);

        var result = await harness.ScoreAsync(tracks);

        result.StatusCode.Should().Be(413);
        ((ProblemDetails)result.Value!).Detail.Should().Be(
            "Scoring these 6 tracks costs 6 predictions, over the budget of 5 per request. Split the batch into requests of at most 5 tracks.");
    }

    [Fact]
    public async Task Score_ExplainedBatchOverBudget_Returns413CountingTheExplanations()
    {
        // Arrange: 10 tracks with genre fit a budget of 100 unexplained, not explained
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxPredictionsPerRequest = 100, ExpensiveRequestPredictions = 100 });
        var tracks = new JsonArray([.. Enumerable.Range(0, 10).Select(_ => (JsonNode)ServingTestData.Track("pop"))]);
        var request = ServingTestData.Request(tracks);
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?explain=true");

        // Act
        var plain = await harness.ScoreAsync(tracks);
        var explained = await harness.ScoreAsync(request);

        // Assert
        plain.StatusCode.Should().Be(200);
        explained.StatusCode.Should().Be(413);
        ((ProblemDetails)explained.Value!).Detail.Should().StartWith("Scoring and explaining these 10 tracks costs")
            .And.Contain("explaining a track costs up to").And.Contain("leave out explain=true");
    }

    [Fact]
    public async Task Score_ExpensiveWhileEverySlotIsTaken_Returns429WithRetryAfterAndCheapStillScores()
    {
        // Arrange: the only expensive slot is held
        using var harness = new ScoringHarness(sample, new ServingOptions { ExpensiveRequestPredictions = 1, MaxConcurrentExpensiveRequests = 1, BusyRetryAfterSeconds = 2 });
        var expensive = new JsonArray(ServingTestData.Track("pop"), ServingTestData.Track("rock"));
        harness.Gate.TryEnter(2, out var held).Should().BeTrue();

        // Act
        var refused = await harness.ScoreAsync(expensive);
        var cheap = await harness.ScoreAsync(ServingTestData.Track("pop"));
        held.Dispose();
        var afterwards = await harness.ScoreAsync(expensive);

        // Assert
        refused.StatusCode.Should().Be(429);
        refused.Headers["Retry-After"].Should().Be("2");
        ((ProblemDetails)refused.Value!).Detail.Should().Contain("costs 2 predictions").And.Contain("1 such request is already being scored");
        cheap.StatusCode.Should().Be(200);
        afterwards.StatusCode.Should().Be(200);
        harness.Gate.TryEnter(2, out var again).Should().BeTrue("the slot of a scored request is given back");
        again.Dispose();
    }

    [Fact]
    public void Validate_BudgetSettingsOutOfRange_ReportsEachOne()
    {
        var options = new ServingOptions
        {
            MaxPredictionsPerRequest = 0,
            ExpensiveRequestPredictions = 0,
            MaxConcurrentExpensiveRequests = 0,
            BusyRetryAfterSeconds = 0,
        };

        var result = new ServingOptionsValidator().Validate(null, options);

        result.Failures.Should().HaveCount(4);
        result.FailureMessage.Should().Contain("Serving:MaxPredictionsPerRequest").And.Contain("Serving:MaxConcurrentExpensiveRequests");
    }

    [Fact]
    public void Validate_ExpensiveThresholdOverBudget_Fails()
    {
        var result = new ServingOptionsValidator().Validate(null, new ServingOptions { MaxPredictionsPerRequest = 100, ExpensiveRequestPredictions = 101 });

        result.Failures.Should().ContainSingle().Which.Should().Contain("must not exceed MaxPredictionsPerRequest");
    }
}
