using System.Text.Json.Nodes;
using AwesomeAssertions;

namespace HitPredictor.Tests.Serving;

/// <summary>Every field's bounds, types and presence, through the score handler, for a single track and in a batch.</summary>
public sealed class TrackValidationTableTests(SharedScoringHarness shared) : IClassFixture<SharedScoringHarness>
{
    /// <summary>Field, JSON value (null: leave the field out), accepted?, a fragment of the error when refused.</summary>
    public static TheoryData<string, string?, bool, string> Cases { get; } = Build();

    private static TheoryData<string, string?, bool, string> Build()
    {
        var data = new TheoryData<string, string?, bool, string>();
        foreach (var unit in new[] { "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence" })
        {
            data.Add(unit, "0", true, "");
            data.Add(unit, "1", true, "");
            data.Add(unit, "0.5", true, "");
            data.Add(unit, "-0.01", false, "0 to 1");
            data.Add(unit, "1.01", false, "0 to 1");
            data.Add(unit, "\"0.5\"", false, "must be a number");
            data.Add(unit, "true", false, "must be a number");
            data.Add(unit, null, true, "");
            data.Add(unit, "null", true, "");
        }

        data.Add("loudness", "-60", true, "");
        data.Add("loudness", "5", true, "");
        data.Add("loudness", "-60.5", false, "-60 to 5 dB");
        data.Add("loudness", "5.1", false, "-60 to 5 dB");
        data.Add("loudness", null, true, "");
        data.Add("tempo", "0", true, "");
        data.Add("tempo", "300", true, "");
        data.Add("tempo", "-4", false, "0 to 300 BPM");
        data.Add("tempo", "300.5", false, "0 to 300 BPM");
        data.Add("tempo", "[120]", false, "must be a number");
        data.Add("duration_ms", "1000", true, "");
        data.Add("duration_ms", "3600000", true, "");
        data.Add("duration_ms", "215", false, "looks like seconds: send 215000");
        data.Add("duration_ms", "3.5", false, "looks like minutes: send 210000");
        data.Add("duration_ms", "0", false, "1,000 to 3,600,000 ms");
        data.Add("duration_ms", "-5", false, "1,000 to 3,600,000 ms");
        data.Add("duration_ms", "3600001", false, "1,000 to 3,600,000 ms");
        data.Add("duration_ms", null, true, "");
        data.Add("key", "-1", true, "");
        data.Add("key", "11", true, "");
        data.Add("key", "12", false, "-1");
        data.Add("key", "-2", false, "-1");
        data.Add("key", "1.5", false, "whole number");
        data.Add("mode", "0", true, "");
        data.Add("mode", "1", true, "");
        data.Add("mode", "2", false, "0");
        data.Add("mode", "0.5", false, "whole number");
        data.Add("time_signature", "0", true, "");
        data.Add("time_signature", "7", true, "");
        data.Add("time_signature", "8", false, "0");
        data.Add("time_signature", "-1", false, "0");
        data.Add("explicit", "true", true, "");
        data.Add("explicit", "false", true, "");
        data.Add("explicit", "1", true, "");
        data.Add("explicit", null, true, "");
        data.Add("explicit", "2", false, "true/false or 1/0");
        data.Add("explicit", "\"yes\"", false, "true/false or 1/0");
        data.Add("genre", "\"pop\"", true, "");
        data.Add("genre", "\"POP\"", true, "");
        data.Add("genre", null, true, "");
        data.Add("genre", "\"\"", true, "");
        data.Add("genre", "\"polka-trance\"", false, "not a genre the model knows");
        data.Add("genre", "5", false, "must be a genre name");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Score_FieldValue_AcceptedOrRefusedWithReason(string field, string? json, bool accepted, string reason)
    {
        // Arrange
        var harness = shared.Harness;
        var track = ServingTestData.Track();
        track.Remove(field);
        if (json is not null)
        {
            track[field] = JsonNode.Parse(json);
        }

        // Act
        var single = await harness.ScoreAsync(track.DeepClone());
        var batch = await harness.ScoreAsync(new JsonArray(ServingTestData.Track(), ServingTestData.Track(), track.DeepClone()));

        // Assert
        if (accepted)
        {
            single.StatusCode.Should().Be(200, single.BodyText());
            batch.StatusCode.Should().Be(200, batch.BodyText());
            return;
        }

        single.StatusCode.Should().Be(400);
        var errors = ScoringHarness.Errors(single);
        errors.Keys.Should().Equal(field);
        errors[field].Single().Should().Contain(reason);
        ScoringHarness.Errors(batch).Keys.Should().Equal($"tracks[2].{field}");
    }
}
