using System.Text.Json;

namespace HitPredictor.Serving.Storage;

/// <summary>What <c>models/current.json</c> says (the live version, when it was published) and its ETag.</summary>
public sealed record ModelPointer(string Version, DateTimeOffset PublishedAt, string ETag)
{
    public const string FileName = "current.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The pointer file's content.</summary>
    public static string Serialize(string version, DateTimeOffset publishedAt) =>
        JsonSerializer.Serialize(new PointerBody(version, publishedAt), Json);

    /// <summary>Reads the pointer file's content.</summary>
    /// <exception cref="InvalidDataException">It is not a pointer.</exception>
    public static ModelPointer Parse(string json, string etag)
    {
        PointerBody? body;
        try
        {
            body = JsonSerializer.Deserialize<PointerBody>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{FileName} is not valid JSON: {ex.Message}", ex);
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Version) || !IsValidVersion(body.Version))
        {
            throw new InvalidDataException($"{FileName} does not name a valid version (letters, digits, '-', '_', '.').");
        }

        return new ModelPointer(body.Version, body.PublishedAt, etag);
    }

    /// <summary>A version is one path segment: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    public static bool IsValidVersion(string version) =>
        version.Length is > 0 and <= 128
        && version[0] != '.'
        && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private sealed record PointerBody(string Version, DateTimeOffset PublishedAt);
}
