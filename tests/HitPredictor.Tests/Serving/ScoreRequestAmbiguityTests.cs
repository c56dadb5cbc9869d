using System.Text;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace HitPredictor.Tests.Serving;

/// <summary>Bodies that are not valid UTF-8, or whose batch object holds more than <c>tracks</c>: a 400 saying which and where, never a guess.</summary>
public sealed class ScoreRequestAmbiguityTests(SampleModelFixture sample) : IDisposable
{
    private readonly ScoringHarness _harness = new(sample);

    [Fact]
    public async Task Score_ByteFFInsideGenre_Returns400SayingTheByteAndWhere()
    {
        var text = ServingTestData.Track("pop").ToJsonString();
        var at = text.IndexOf("\"pop\"", StringComparison.Ordinal) + 2;
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[at] = 0xFF;

        var result = await _harness.ScoreAsync(ServingTestData.Request(bytes));

        result.StatusCode.Should().Be(400);
        var problem = (ProblemDetails)result.Value!;
        problem.Title.Should().Be("The request body is not valid UTF-8.");
        problem.Detail.Should().Contain($"byte 0xFF at offset {at:N0} (line 1, column {at + 1:N0})");
    }

    [Fact]
    public async Task Score_TruncatedMultiByteCharacterInUnknownField_Returns400()
    {
        var text = ServingTestData.Track("pop").ToJsonString();
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text[..^1] + ",\"note\":\""), 0xC3, .. "\"}"u8];

        var result = await _harness.ScoreAsync(ServingTestData.Request(bytes));

        result.StatusCode.Should().Be(400);
        ((ProblemDetails)result.Value!).Detail.Should().Contain("byte 0xC3");
    }

    [Fact]
    public async Task Score_LoneSurrogateBesideTracks_Returns400()
    {
        var body = "{\"tracks\":[" + ServingTestData.Track().ToJsonString() + "],\"note\":\"\\ud800\"}";

        var result = await _harness.ScoreAsync(body);

        result.StatusCode.Should().Be(400);
        ScoringHarness.Errors(result)["note"].Should().ContainSingle().Which.Should().Contain("not valid Unicode");
    }

    [Fact]
    public async Task Score_GenreBesideTracks_Returns400NamingIt()
    {
        var body = new JsonObject { ["tracks"] = new JsonArray(ServingTestData.Track(genre: null)), ["genre"] = "pop" };

        var result = await _harness.ScoreAsync(body);

        result.StatusCode.Should().Be(400);
        var errors = ScoringHarness.Errors(result);
        errors.Keys.Should().Equal("genre");
        errors["genre"].Single().Should().StartWith("is not allowed beside tracks").And.Contain("in each track");
    }

    [Fact]
    public async Task Score_TracksTwice_Returns400NamingTheRepeatNotTheLastOne()
    {
        var body = "{\"tracks\":[" + ServingTestData.Track().ToJsonString() + "],\"tracks\":[]}";

        var result = await _harness.ScoreAsync(body);

        result.StatusCode.Should().Be(400);
        ScoringHarness.Errors(result)["tracks"].Should().Equal("appears more than once; send each field once");
    }

    [Fact]
    public async Task Score_MegabyteGenre_Returns400WithASmallBody()
    {
        var track = ServingTestData.Track(new string('a', 1_000_000));

        var result = await _harness.ScoreAsync(new JsonObject { ["tracks"] = new JsonArray(track) });

        result.StatusCode.Should().Be(400);
        Encoding.UTF8.GetByteCount(result.BodyText()).Should().BeLessThan(8 * 1024);
        ScoringHarness.Errors(result)["tracks[0].genre"].Single().Should().Contain("1,000,000 characters");
    }

    public void Dispose() => _harness.Dispose();
}
