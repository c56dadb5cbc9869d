using System.Buffers;
using System.Globalization;
using System.Text.Json;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HitPredictor.Serving.Http;

/// <summary>
/// The body of <c>POST /api/score</c>, read and checked in two steps: <see cref="ReadAsync"/> takes the bytes
/// (content type, size, well-formed JSON, shape) before any model is needed; <see cref="Validate"/> checks every
/// track against the card of the model that will score it.
/// </summary>
public sealed class ScoreRequest : IDisposable
{
    public const string TracksField = "tracks";

    private readonly JsonDocument? _document;
    private byte[]? _rented;

    private ScoreRequest(JsonDocument? document, byte[]? rented, bool isBatch, ServingResult? problem)
    {
        _document = document;
        _rented = rented;
        IsBatch = isBatch;
        Problem = problem;
    }

    /// <summary>True for an array or <c>{"tracks": [...]}</c>; false for one track object.</summary>
    public bool IsBatch { get; }

    /// <summary>Why the body was refused before validation (400/413/415), or <see langword="null"/>.</summary>
    public ServingResult? Problem { get; }

    public static async Task<ScoreRequest> ReadAsync(HttpRequest request, ServingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!IsJson(request.ContentType))
        {
            return Refused(Problems.UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            return Refused(Problems.TooLarge(options.MaxBodyBytes));
        }

        var (rented, length) = await ReadBodyAsync(request.Body, request.ContentLength, options.MaxBodyBytes, cancellationToken);
        if (rented is null)
        {
            return Refused(Problems.TooLarge(options.MaxBodyBytes));
        }

        var owned = rented;
        try
        {
            var parsed = Parse(rented.AsMemory(0, length), options);
            owned = parsed._document is null ? rented : null;
            if (parsed._document is not null)
            {
                parsed._rented = rented;
            }

            return parsed;
        }
        finally
        {
            if (owned is not null)
            {
                ArrayPool<byte>.Shared.Return(owned);
            }
        }
    }

    /// <summary>Checks and parses the body's bytes; the document it keeps reads <paramref name="body"/> in place.</summary>
    private static ScoreRequest Parse(ReadOnlyMemory<byte> body, ServingOptions options)
    {
        if (body.Length == 0)
        {
            return Refused(Problems.BadRequest("The request body is empty.",
                "Send one track as a JSON object, an array of tracks, or {\"tracks\": [...]}."));
        }

        if (Utf8Position.FirstInvalid(body.Span) is { } invalid)
        {
            return Refused(Problems.BadRequest("The request body is not valid UTF-8.",
                $"JSON must be sent as UTF-8; the body has {invalid}. Encode the text as UTF-8 (with a genre, check its accents)."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {ex.BytePositionInLine + 1}")
                : "";
            return Refused(Problems.BadRequest("The request body is not valid JSON.", $"Malformed JSON{where}."));
        }

        var root = document.RootElement;
        var problem = root.ValueKind switch
        {
            JsonValueKind.Array => CheckCount(root.GetArrayLength(), TracksField, options.MaxBatchSize),
            JsonValueKind.Object when root.TryGetProperty(TracksField, out var tracks) => CheckBatchMembers(root)
                ?? (tracks.ValueKind == JsonValueKind.Array
                    ? CheckCount(tracks.GetArrayLength(), TracksField, options.MaxBatchSize)
                    : Problems.Validation([new FieldError(TracksField, "must be an array of track objects")], "The request is invalid.")),
            JsonValueKind.Object => null,
            _ => Problems.BadRequest("The request body is not a track.",
                "Send one track as a JSON object, an array of tracks, or {\"tracks\": [...]}."),
        };
        if (problem is not null)
        {
            document.Dispose();
            return Refused(problem);
        }

        var isBatch = root.ValueKind == JsonValueKind.Array || root.TryGetProperty(TracksField, out _);
        return new ScoreRequest(document, null, isBatch, null);
    }

    /// <summary>
    /// Reads every track against <paramref name="family"/> (its card and what input it accepts). Paths are <c>tempo</c> for a single track and
    /// <c>tracks[3].tempo</c> for a batch. Returns all inputs, or <see langword="null"/> with every error added.
    /// </summary>
    public IReadOnlyList<Training.Features.ModelInput>? Validate(ModelFamily family, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(errors);
        var root = _document?.RootElement ?? throw new InvalidOperationException("The request was refused: " + Problem?.StatusCode);
        if (!IsBatch)
        {
            var one = TrackJson.Read(root, "", family, errors);
            return one is null ? null : [one];
        }

        var tracks = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty(TracksField);
        var inputs = new List<Training.Features.ModelInput>(tracks.GetArrayLength());
        var index = 0;
        foreach (var track in tracks.EnumerateArray())
        {
            var input = TrackJson.Read(track, string.Create(CultureInfo.InvariantCulture, $"{TracksField}[{index}]"), family, errors);
            if (input is not null)
            {
                inputs.Add(input);
            }

            index++;
        }

        return errors.Count == 0 ? inputs : null;
    }

    /// <summary>Frees the parsed document and gives the body's buffer back to the pool.</summary>
    public void Dispose()
    {
        _document?.Dispose();
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ScoreRequest Refused(ServingResult problem) => new(null, null, false, problem);

    /// <summary>
    /// A batch object holds <c>tracks</c> once and nothing beside it: a field there (a <c>genre</c> meant for every
    /// track, a typo) would otherwise be ignored silently.
    /// </summary>
    private static ServingResult? CheckBatchMembers(JsonElement root)
    {
        var errors = new List<FieldError>();
        TrackJson.CheckMembers(root, "", errors);
        if (errors.Count == 0)
        {
            errors.AddRange(root.EnumerateObject()
                .Where(p => !p.NameEquals(TracksField))
                .Select(p => new FieldError(Echo.Text(p.Name),
                    "is not allowed beside tracks: a batch is {\"tracks\": [...]} alone; put genre and every other field in each track")));
        }

        return errors.Count == 0 ? null : Problems.Validation(errors, "The request is invalid.");
    }

    private static ServingResult? CheckCount(int count, string path, int max) =>
        count == 0 ? Problems.Validation([new FieldError(path, "must hold at least one track")], "The request is invalid.")
        : count > max ? Problems.Validation(
            [new FieldError(path, string.Create(CultureInfo.InvariantCulture, $"at most {max:N0} tracks per request, got {count:N0}"))],
            "The request is invalid.")
        : null;

    private static bool IsJson(string? contentType)
    {
        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return false;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The whole body in a buffer rented from the shared pool (sized by Content-Length when the client sent one) with
    /// its length, or a null buffer when the body is longer than <paramref name="maxBytes"/>.
    /// </summary>
    private static async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(Stream body, long? contentLength, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(contentLength + 1 ?? 4 * 1024, 1, Math.Min(maxBytes + 1, 16 * 1024 * 1024)));
        var length = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }
}
