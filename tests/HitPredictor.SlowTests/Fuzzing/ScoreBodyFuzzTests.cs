using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using CsCheck;
using HitPredictor.Serving;
using HitPredictor.Tests.Serving;
using HitPredictor.Tests.Support;

namespace HitPredictor.Tests.Fuzzing;

/// <summary>
/// 10,000 generated bodies through the whole pipeline <c>hitpredictor serve</c> runs (its registrations, middleware and
/// endpoints on an in-memory server): valid tracks with mutated fields, types, encodings, nesting, sizes and repeated
/// keys. None may answer 500 or more; every error is problem details whose status matches the response's.
/// </summary>
public sealed class ScoreBodyFuzzTests(SampleModelFixture sample, ITestOutputHelper output)
{
    private const int Bodies = 10_000;

    private static readonly string[] FieldNames =
    [
        "danceability", "energy", "loudness", "tempo", "speechiness", "acousticness", "instrumentalness", "liveness",
        "valence", "duration_ms", "key", "mode", "time_signature", "explicit", "genre", "track_genre", "tracks", "id", "", "TEMPO",
    ];

    /// <summary>A JSON value as text: numbers of every size and form, text (odd Unicode included), other types, nothing.</summary>
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0.5"),
        Gen.Double[-100, 400_000].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Int[-5, 12].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[1, 500].Select(n => new string('9', n)),
        Gen.OneOf("1e999", "-0", "0.0000000000000000000001", "1E2", "true", "false", "null"),
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.OneOf("pop", " K-POP ", "popp", "", "<script>alert(1)</script>", "é", "🎵").Select(s => JsonSerializer.Serialize(s)),
        Gen.OneOf("\"\\ud800\"", "\"\\udfff x\"", "\"\\u0000\"", "\"a\\\"b\""),
        Gen.Frequency((20, Gen.Int[101, 5_000]), (1, Gen.Const(1_000_000))).Select(n => "\"" + new string('a', n) + "\""),
        Gen.OneOf("[]", "{}", "[1,2,3]", "{\"tempo\":1}", "[[[]]]"));

    /// <summary>A track: the valid one with some fields set to generated values, removed, or added.</summary>
    private static readonly Gen<string> Track =
        Gen.Frequency(
            (2, Gen.Const(Array.Empty<(string, string, int)>())),
            (3, Gen.Select(Gen.OneOf(FieldNames), Value, Gen.Int[0, 3]).Array[1, 6])).Select(edits =>
        {
            var track = ServingTestData.Track();
            var extra = new StringBuilder();
            foreach (var (name, value, how) in edits)
            {
                if (how is 0 or 2)
                {
                    track.Remove(name); // 0: left out; 2: replaced by the generated value below
                }

                if (how is not 0)
                {
                    extra.Append(CultureInfo.InvariantCulture, $",{JsonSerializer.Serialize(name)}:{value}"); // 1, 3: a repeated or extra key
                }
            }

            var text = track.ToJsonString();
            return text[..^1] + (track.Count == 0 && extra.Length > 0 ? extra.ToString(1, extra.Length - 1) : extra.ToString()) + "}";
        });

    /// <summary>Valid tracks, with or without their genre: scored, over the budget (413) or, several at once, over the gate (429).</summary>
    private static readonly Gen<string> ValidBatch =
        Gen.Select(Gen.Int[1, 8], Gen.Bool, (count, genreLess) =>
            new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode)ServingTestData.Track(genreLess ? null : "pop"))]).ToJsonString());

    /// <summary>How the tracks are wrapped: one, an array, a batch object (sometimes with fields beside tracks), deep nesting.</summary>
    private static readonly Gen<string> Document = Gen.OneOf(
        Track,
        ValidBatch,
        Track.Array[0, 5].Select(ts => "[" + string.Join(",", ts) + "]"),
        Track.Array[0, 5].Select(ts => "{\"tracks\":[" + string.Join(",", ts) + "]}"),
        Gen.Select(Track.Array[1, 3], Gen.OneOf(FieldNames), Value, (ts, name, value) => "{\"tracks\":[" + string.Join(",", ts) + "]," + JsonSerializer.Serialize(name) + ":" + value + "}"),
        Gen.Select(Track, Gen.Int[1, 80], (t, depth) => new string('[', depth) + t + new string(']', depth)),
        Gen.Select(Track, Gen.Int[1, 80], (t, depth) =>
            string.Concat(Enumerable.Repeat("{\"tracks\":", depth)) + t + new string('}', depth)),
        Value);

    /// <summary>Damage done to the text or its bytes: none, truncation, a stray or invalid byte, another encoding.</summary>
    private static readonly Gen<Func<string, byte[]>> Damage = Gen.OneOf(
        Gen.Const<Func<string, byte[]>>(Encoding.UTF8.GetBytes),
        Gen.Const<Func<string, byte[]>>(Encoding.UTF8.GetBytes),
        Gen.Const<Func<string, byte[]>>(t => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(t)]),
        Gen.Const<Func<string, byte[]>>(Encoding.Unicode.GetBytes),
        Gen.Const<Func<string, byte[]>>(t => Encoding.Latin1.GetBytes(t.Replace("\"pop\"", "\"électro\"", StringComparison.Ordinal))),
        Gen.Select<int, byte, Func<string, byte[]>>(Gen.Int[0, int.MaxValue], Gen.Byte, (at, b) => t =>
        {
            var bytes = Encoding.UTF8.GetBytes(t);
            return [.. bytes[..(at % (bytes.Length + 1))], b, .. bytes[(at % (bytes.Length + 1))..]];
        }),
        Gen.Select<int, byte, Func<string, byte[]>>(Gen.Int[0, int.MaxValue], Gen.OneOf((byte)0xFF, (byte)0xC3, (byte)0xED, (byte)0x80), (at, b) => t =>
            {
                var bytes = Encoding.UTF8.GetBytes(t);
                var quote = Array.IndexOf(bytes, (byte)'"', at % Math.Max(1, bytes.Length));
                var where = quote < 0 ? bytes.Length : quote + 1;
                return [.. bytes[..where], b, .. bytes[where..]];
            }),
        Gen.Int[0, int.MaxValue].Select<int, Func<string, byte[]>>(at => t =>
        {
            var bytes = Encoding.UTF8.GetBytes(t);
            return bytes[..(at % (bytes.Length + 1))];
        }));

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (12, Gen.Const<string?>("application/json")),
        (1, Gen.Const<string?>("application/json; charset=utf-16")),
        (1, Gen.Const<string?>("application/merge-patch+json")),
        (1, Gen.Const<string?>("text/plain")),
        (1, Gen.Const<string?>(() => null)));

    private static readonly Gen<(byte[] Body, string? ContentType)> Request =
        Gen.Select(Document, Damage, ContentType, (doc, encode, type) => (encode(doc), type));

    [Fact]
    public async Task Score_TenThousandGeneratedBodiesThroughTheServePipeline_NoneAnswers500()
    {
        // Arrange: a budget that refuses a genre-less track (113 predictions) so the run stays short; one expensive slot
        await using var host = await ServiceHost.StartAsync(sample, new Dictionary<string, string?>
        {
            ["Serving:MaxPredictionsPerRequest"] = "8",
            ["Serving:ExpensiveRequestPredictions"] = "4",
            ["Serving:MaxConcurrentExpensiveRequests"] = "1",
        }, TestContext.Current.CancellationToken);
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;

        // Act + Assert
        Request.Sample(request =>
        {
            using var content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }

            using var response = host.Client.PostAsync("/" + Routes.Score, content).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            Interlocked.Increment(ref sent);
            status.Should().BeLessThan(500);
            if (status >= 400)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                var problem = JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!;
                problem["status"]!.GetValue<int>().Should().Be(status);
            }
        }, iter: Bodies, print: r => $"{r.ContentType}: {Convert.ToHexString(r.Body.AsSpan(0, Math.Min(r.Body.Length, 300)))}");

        // Report
        output.WriteLine($"{sent:N0} bodies through the serve pipeline: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value:N0}")) +
            $"; {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} answered 500 or more");
        sent.Should().BeGreaterThanOrEqualTo(Bodies);
        host.Logs.Records.Should().NotContain(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
