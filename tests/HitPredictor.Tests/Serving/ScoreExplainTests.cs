using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Packaging;
using Microsoft.AspNetCore.Http;

namespace HitPredictor.Tests.Serving;

/// <summary><c>POST /api/score?explain=true</c>: the explanation's shape, additivity against the returned probabilities, and when there is none.</summary>
public sealed class ScoreExplainTests(SampleModelFixture sample)
{
    private static readonly string[] TierNames = ["Viral", "Hit", "Mid", "Flop"];

    private static HttpRequest Explain(JsonNode body, string query = "?explain=true")
    {
        var request = ServingTestData.Request(body);
        request.QueryString = new QueryString(query);
        return request;
    }

    [Fact]
    public async Task Score_ExplainTrue_EachTierBaselinePlusContributionsIsTheReturnedProbability()
    {
        // Arrange
        using var harness = new ScoringHarness(sample);

        // Act
        var result = await harness.ScoreAsync(Explain(ServingTestData.Track("pop")));

        // Assert
        result.StatusCode.Should().Be(200);
        var body = ScoringHarness.Body(result);
        body.AsObject().Select(p => p.Key).Should().Equal("tier", "probabilities", "genreAveraged", "modelVersion", "predictionSet", "missing", "model", "explanation");
        var explanation = body["explanation"]!;
        explanation.AsObject().Select(p => p.Key).Should().Equal("baseline", "contributions", "benchmark");
        explanation["baseline"]!.AsObject().Select(p => p.Key).Should().Equal(TierNames);
        var contributions = explanation["contributions"]!.AsArray();
        contributions.Should().HaveCount(14);
        contributions[0]!.AsObject().Select(p => p.Key).Should().Equal("feature", "value", "reference", "Viral", "Hit", "Mid", "Flop");
        contributions.Single(c => c!["feature"]!.GetValue<string>() == "tempo")!["value"]!.GetValue<double>().Should().Be(120);
        foreach (var tier in TierNames)
        {
            var sum = explanation["baseline"]![tier]!.GetValue<double>() + contributions.Sum(c => c![tier]!.GetValue<double>());
            sum.Should().BeApproximately(body["probabilities"]![tier]!.GetValue<double>(), 0.01, tier);
        }

        var benchmark = explanation["benchmark"]!;
        benchmark["genre"]!.GetValue<string>().Should().Be("pop");
        benchmark["tiers"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("Viral", "Hit");
        benchmark["tracks"]!.GetValue<int>().Should().BePositive();
        benchmark["percentiles"]!.AsObject().Select(p => p.Key).Should().Contain("tempo").And.HaveCount(14);
        benchmark["percentiles"]!.AsObject().Should().OnlyContain(p => p.Value!.GetValue<double>() >= 0 && p.Value.GetValue<double>() <= 100);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?explain=false")]
    public async Task Score_ExplainAbsentOrFalse_SameBodyAsBefore(string query)
    {
        using var harness = new ScoringHarness(sample);

        var plain = await harness.ScoreAsync(ServingTestData.Track());
        var result = await harness.ScoreAsync(Explain(ServingTestData.Track(), query));

        result.BodyText().Should().Be(plain.BodyText());
        ScoringHarness.Body(result).AsObject().Select(p => p.Key).Should().NotContain(["explanation", "explanationNote"]);
    }

    [Fact]
    public async Task Score_ExplainBatch_EveryResultExplainedInInputOrderAndScoresUnchanged()
    {
        using var harness = new ScoringHarness(sample);
        var genres = sample.Package.Card.Genres;
        var tracks = new JsonArray(ServingTestData.Track(genres[0], 80), ServingTestData.Track(genres[5], 140), ServingTestData.Track(genres[9], 100));

        var plain = ScoringHarness.Body(await harness.ScoreAsync(tracks.DeepClone()))["results"]!.AsArray();
        var results = ScoringHarness.Body(await harness.ScoreAsync(Explain(tracks)))["results"]!.AsArray();

        results.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            results[i]!["explanation"]!["benchmark"]!["genre"]!.GetValue<string>().Should().Be(genres[i == 0 ? 0 : i == 1 ? 5 : 9]);
            var withoutExplanation = results[i]!.DeepClone().AsObject();
            withoutExplanation.Remove("explanation");
            JsonNode.DeepEquals(withoutExplanation, plain[i]).Should().BeTrue($"result {i}'s score is the same with or without explain");
        }
    }

    [Fact]
    public async Task Score_ExplainTrackWithoutGenre_ScoredWithAOneLineNoteInsteadOfAnExplanation()
    {
        using var harness = new ScoringHarness(sample);

        var body = ScoringHarness.Body(await harness.ScoreAsync(Explain(new JsonArray(ServingTestData.Track(genre: null), ServingTestData.Track("rock")))));

        var results = body["results"]!.AsArray();
        results[0]!["model"]!.GetValue<string>().Should().Be("no-genre");
        results[0]!.AsObject().ContainsKey("explanation").Should().BeFalse();
        results[0]!["explanationNote"]!.GetValue<string>().Should().StartWith("no genre given").And.NotContain("\n");
        results[1]!["explanation"].Should().NotBeNull();
        results[1]!.AsObject().ContainsKey("explanationNote").Should().BeFalse();
    }

    [Fact]
    public async Task Score_ExplainTrackWithAFeatureMissing_ScoredWithANoteNamingIt()
    {
        using var harness = new ScoringHarness(sample);
        var track = ServingTestData.Track("rock");
        track.Remove("valence");

        var body = ScoringHarness.Body(await harness.ScoreAsync(Explain(track)));

        body.AsObject().ContainsKey("explanation").Should().BeFalse();
        body["explanationNote"]!.GetValue<string>().Should().Contain("valence unknown").And.NotContain("\n");
    }

    [Fact]
    public async Task Score_ExplainNotABoolean_ReturnsProblemNamingTheParameter()
    {
        using var harness = new ScoringHarness(sample);

        var result = await harness.ScoreAsync(Explain(ServingTestData.Track(), "?explain=yes"));

        result.StatusCode.Should().Be(400);
        result.ContentType.Should().StartWith("application/problem+json");
        ScoringHarness.Body(result)["detail"]!.GetValue<string>().Should().Contain("explain=true").And.Contain("'yes'");
    }

    [Fact]
    public async Task Score_ExplainOnModelWithoutBenchmarks_409NamingThePartAndPlainScoringStillWorks()
    {
        // Arrange
        using var harness = new ScoringHarness(null);
        var loaded = ServingTestData.Load(sample, "old");
        var bare = new ModelPackage(loaded.Model, loaded.InputSchema, loaded.Card,
            PackageParts.Empty.With(MemberCalibration.PartName, loaded.Calibration.ToJson()));
        harness.Pool.Swap(bare, "\"e2\"");

        // Act
        var explained = await harness.ScoreAsync(Explain(ServingTestData.Track()));
        var plain = await harness.ScoreAsync(ServingTestData.Track());

        // Assert
        explained.StatusCode.Should().Be(409);
        explained.ContentType.Should().StartWith("application/problem+json");
        ScoringHarness.Body(explained)["detail"]!.GetValue<string>().Should().Contain(GenreBenchmarks.PartName).And.Contain("without explain=true");
        plain.StatusCode.Should().Be(200);
    }
}
