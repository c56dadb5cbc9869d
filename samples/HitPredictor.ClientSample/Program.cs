// Scores one track, a batch, and a bad track against Hit Predictor's API (.NET: HttpClient + System.Net.Http.Json).
//   dotnet run --project samples/HitPredictor.ClientSample -- http://127.0.0.1:5000
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

var baseAddress = new Uri((args.Length > 0 ? args[0] : "http://127.0.0.1:5000").TrimEnd('/') + "/");
using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

// A Spotify audio-features object can be posted as it is; genre is optional.
var track = new Track(0.585, 0.842, -5.883, 118.211, 0.0556, 0.00242, 0.00686, 0.0866, 0.428, 237040, 9, 0, 4, "pop");

var one = await ScoreAsync<TrackScore>(track);
Console.WriteLine($"one track: {Describe(one)}");

var batch = await ScoreAsync<BatchScore>(new { tracks = new[] { track, track with { Genre = "acoustic", Energy = 0.2 } } });
Console.WriteLine($"batch: {batch.Count} tracks scored by model {batch.ModelVersion}");
for (var i = 0; i < batch.Results.Count; i++)
{
    Console.WriteLine($"  {i + 1}. {Describe(batch.Results[i])}");
}

try
{
    await ScoreAsync<TrackScore>(track with { Tempo = -4 });
}
catch (ProblemException problem)
{
    Console.WriteLine(problem.Message);
}

// POSTs a track or a batch; throws with the API's own messages when it answers with a problem.
async Task<T> ScoreAsync<T>(object body)
{
    using var response = await http.PostAsJsonAsync("api/score", body);
    if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
    {
        var problem = await response.Content.ReadFromJsonAsync<Problem>() ?? throw new HttpRequestException("empty problem");
        var details = string.Join("; ", (problem.Errors ?? []).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        throw new ProblemException($"rejected ({(int)response.StatusCode}): {(details.Length > 0 ? details : problem.Detail ?? problem.Title)}");
    }

    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<T>() ?? throw new HttpRequestException("empty answer");
}

static string Describe(TrackScore score) =>
    $"{score.Tier} ({string.Join(", ", score.Probabilities.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F2}")))})";

internal sealed record Track(
    [property: JsonPropertyName("danceability")] double Danceability,
    [property: JsonPropertyName("energy")] double Energy,
    [property: JsonPropertyName("loudness")] double Loudness,
    [property: JsonPropertyName("tempo")] double Tempo,
    [property: JsonPropertyName("speechiness")] double Speechiness,
    [property: JsonPropertyName("acousticness")] double Acousticness,
    [property: JsonPropertyName("instrumentalness")] double Instrumentalness,
    [property: JsonPropertyName("liveness")] double Liveness,
    [property: JsonPropertyName("valence")] double Valence,
    [property: JsonPropertyName("duration_ms")] int DurationMs,
    [property: JsonPropertyName("key")] int Key,
    [property: JsonPropertyName("mode")] int Mode,
    [property: JsonPropertyName("time_signature")] int TimeSignature,
    [property: JsonPropertyName("genre")] string? Genre);

internal sealed record TrackScore(string Tier, Dictionary<string, double> Probabilities, string ModelVersion);

internal sealed record BatchScore(string ModelVersion, int Count, List<TrackScore> Results);

internal sealed record Problem(string Title, string? Detail, Dictionary<string, string[]>? Errors);

internal sealed class ProblemException(string message) : Exception(message);
