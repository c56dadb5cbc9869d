using System.Text.Json;
using System.Text.Json.Serialization;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// One queue message: score chunk <see cref="Index"/> of run <see cref="RunId"/>, whose first row is on input line
/// <see cref="FirstLine"/> (the model version and the rest are in the run's record).
/// </summary>
public sealed record ChunkMessage(
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("firstLine")] int FirstLine)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <exception cref="FormatException">The text is not a chunk message.</exception>
    public static ChunkMessage Parse(string json)
    {
        try
        {
            var message = JsonSerializer.Deserialize<ChunkMessage>(json);
            return message is { RunId.Length: > 0, Index: >= 0, FirstLine: >= 2 } ? message : throw new FormatException($"Not a chunk message: {Training.Data.Echo.Text(json)}");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a chunk message: {Training.Data.Echo.Text(json)}", ex);
        }
    }
}
