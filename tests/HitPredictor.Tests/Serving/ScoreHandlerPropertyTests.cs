using System.Globalization;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using CsCheck;
using HitPredictor.Serving;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Serving;

/// <summary>No body, however odd, makes the handler throw: it answers 200, 400, 413 or 415, and a 400 is problem details.</summary>
public sealed class ScoreHandlerPropertyTests(SampleModelFixture sample)
{
    private static readonly string[] FieldNames =
    [
        "danceability", "energy", "loudness", "tempo", "speechiness", "acousticness", "instrumentalness", "liveness",
        "valence", "duration_ms", "key", "mode", "time_signature", "explicit", "genre", "track_genre", "tracks", "id", "",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Double.Select(d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.5)),
        Gen.Double[-100, 400_000].Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Int[-5, 12].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf("pop", "rock", "POP", " k-pop ", "", "\u0000", "popp").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>(() => null),
        Gen.Const<JsonNode?>(() => new JsonArray()),
        Gen.Const<JsonNode?>(() => new JsonObject()));

    private static readonly Gen<JsonObject> Track =
        Gen.Select(Gen.OneOf(FieldNames), Scalar).Array[0, 18].Select(pairs =>
        {
            var track = ServingTestData.Track();
            foreach (var (name, value) in pairs)
            {
                track[name] = value?.DeepClone();
            }

            return track;
        });

    private static readonly Gen<string> Body = Gen.OneOf(
        Track.Select(t => t.ToJsonString()),
        Track.Array[0, 4].Select(ts => new JsonArray([.. ts]).ToJsonString()),
        Track.Array[0, 4].Select(ts => new JsonObject { ["tracks"] = new JsonArray([.. ts]) }.ToJsonString()),
        Scalar.Select(s => s?.ToJsonString() ?? "null"),
        Gen.String,
        Gen.Select(Track, Gen.Int[0, 200]).Select((t, cut) => { var text = t.ToJsonString(); return text[..Math.Min(cut, text.Length)]; }),
        Gen.Char.Array[0, 64].Select(cs => new string(cs)));

    [Fact]
    public void Score_AnyGeneratedBody_NeverThrowsAndAnswersAProblemOrAScore()
    {
        using var harness = new ScoringHarness(sample, new ServingOptions { MaxBodyBytes = 4096, MaxBatchSize = 3 });

        Body.Sample(body =>
        {
            var result = harness.ScoreAsync(body).GetAwaiter().GetResult();

            result.StatusCode.Should().BeOneOf(200, 400, 413);
            var parsed = ScoringHarness.Body(result);
            if (result.StatusCode == 200)
            {
                parsed.ToJsonString().Should().Contain("\"modelVersion\":\"v1\"");
            }
            else
            {
                result.ContentType.Should().StartWith("application/problem+json");
                parsed["status"]!.GetValue<int>().Should().Be(result.StatusCode!.Value);
            }
        }, iter: 400, print: b => b.Length > 300 ? b[..300].ToString(CultureInfo.InvariantCulture) : b);
    }
}
