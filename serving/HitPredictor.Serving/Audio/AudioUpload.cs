using HitPredictor.Audio;
using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HitPredictor.Serving.Audio;

/// <summary>
/// The audio of a <c>POST /api/analyze</c>: the raw body (<c>audio/*</c> or <c>application/octet-stream</c>) or the
/// file field of a <c>multipart/form-data</c> body, read into memory up to <see cref="ServingOptions.MaxAudioBytes"/>.
/// Anything else is a problem: 415 for another content type, 413 over the limit, 400 for a form without a file.
/// </summary>
public sealed class AudioUpload
{
    /// <summary>The multipart field the page sends the file in; any single file field is taken.</summary>
    public const string FileField = "file";

    /// <summary>The content types the raw body may have, as the API's description lists them.</summary>
    public static IReadOnlyList<string> RawContentTypes { get; } = ["audio/wav", "audio/x-wav", "audio/wave", "audio/mpeg", "audio/mp3", "audio/ogg", "application/octet-stream"];

    public const string MultipartContentType = "multipart/form-data";

    /// <summary>Slack over the audio limit for a form's boundaries and part headers.</summary>
    private const long FormOverhead = 64 * 1024;

    private AudioUpload(byte[]? bytes, int length, ServingResult? problem)
    {
        Bytes = bytes;
        Length = length;
        Problem = problem;
    }

    public byte[]? Bytes { get; }

    public int Length { get; }

    public ServingResult? Problem { get; }

    public static async Task<AudioUpload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } mediaType)
        {
            return Refused(Problems.UnsupportedAudioType(request.ContentType));
        }

        var multipart = mediaType.Equals(MultipartContentType, StringComparison.OrdinalIgnoreCase);
        if (!multipart && !IsRawAudio(mediaType))
        {
            return Refused(Problems.UnsupportedAudioType(request.ContentType));
        }

        var allowed = maxBytes + (multipart ? FormOverhead : 0);
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        if (request.ContentLength > allowed)
        {
            // Unread, the declared body is drained by the server (Kestrel gives up after its 5 s drain timeout), so the
            // client reads this 413 rather than a reset connection. A client sending Expect: 100-continue sends no body.
            if (limit is not null)
            {
                limit.MaxRequestBodySize = request.ContentLength;
            }

            return Refused(Problems.AudioTooLarge(maxBytes));
        }

        if (limit is not null)
        {
            limit.MaxRequestBodySize = allowed;
        }

        return multipart ? await ReadFormAsync(request, maxBytes, cancellationToken) : await ReadStreamAsync(request.Body, maxBytes, cancellationToken);
    }

    private static bool IsRawAudio(string mediaType) =>
        mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    private static async Task<AudioUpload> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = maxBytes + FormOverhead }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(Problems.AudioTooLarge(maxBytes));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Refused(Problems.BadRequest("The form cannot be read.", $"The multipart/form-data body is malformed: {ex.Message}"));
        }

        var file = form.Files.GetFile(FileField) ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
        {
            return Refused(Problems.BadRequest("No audio file in the form.",
                $"Send the audio in the form's '{FileField}' file field (multipart/form-data), or as the raw body with Content-Type audio/wav, audio/mpeg or audio/ogg."));
        }

        if (file.Length > maxBytes)
        {
            return Refused(Problems.AudioTooLarge(maxBytes));
        }

        await using var stream = file.OpenReadStream();
        return await ReadStreamAsync(stream, maxBytes, cancellationToken);
    }

    private static async Task<AudioUpload> ReadStreamAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return Refused(Problems.AudioTooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(Problems.AudioTooLarge(maxBytes));
        }

        return new AudioUpload(buffer.GetBuffer(), (int)buffer.Length, null);
    }

    private static AudioUpload Refused(ServingResult problem) => new(null, 0, problem);

    /// <summary>The audio as a stream for <see cref="AudioAnalyzer"/>.</summary>
    public Stream OpenRead() => new MemoryStream(Bytes!, 0, Length, writable: false);
}
