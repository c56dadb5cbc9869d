using System.Collections.ObjectModel;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace HitPredictor.Serving.Http;

/// <summary>
/// A JSON response that writes itself with the service's own serializer settings, so it reads the same under
/// plain Kestrel and under the Functions ASP.NET Core integration (which executes an <see cref="IResult"/> it is
/// handed), and needs nothing from the request's services. Tests read <see cref="StatusCode"/> and <see cref="Value"/>.
/// </summary>
public sealed class ServingResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    /// <summary>
    /// camelCase properties, dictionary keys as they are (tier names, field paths); quotes in messages left readable.
    /// Scoring answers use the code <see cref="ServingJsonContext"/> generated; other types are read by reflection.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ServingJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private readonly string? _rawJson;
    private readonly byte[]? _utf8;

    private ServingResult(
        int statusCode, object? value, string? rawJson, string contentType, IReadOnlyDictionary<string, string>? headers, byte[]? utf8 = null)
    {
        StatusCode = statusCode;
        Value = value;
        _rawJson = rawJson;
        _utf8 = utf8;
        ContentType = contentType;
        Headers = headers ?? ReadOnlyDictionary<string, string>.Empty;
    }

    public int? StatusCode { get; }

    public object? Value { get; }

    public string ContentType { get; }

    /// <summary>Extra response headers (Retry-After, X-Model-Fallback).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public static ServingResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, value, null, JsonContentType, null);

    /// <summary>JSON already serialised (the model card, exactly as its own serializer wrote it).</summary>
    public static ServingResult RawJson(string json, int statusCode = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, json, json, JsonContentType, headers);

    /// <summary>JSON already encoded as UTF-8 (a document built once and kept), written as it is.</summary>
    public static ServingResult Utf8Json(byte[] body) => new(StatusCodes.Status200OK, null, null, JsonContentType, null, body);

    public static ServingResult Problem(object problem, int statusCode, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, problem, null, ProblemContentType, headers);

    /// <summary>The body as it is written.</summary>
    public string BodyText() => Encoding.UTF8.GetString(Utf8Body());

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.XContentTypeOptions = "nosniff";
        if (Headers.Count > 0)
        {
            foreach (var (name, value) in Headers)
            {
                response.Headers[name] = value;
            }
        }

        var body = Utf8Body();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>The body's UTF-8 bytes, serialised straight to bytes (no intermediate string).</summary>
    private byte[] Utf8Body() =>
        _utf8 ?? (_rawJson is not null ? Encoding.UTF8.GetBytes(_rawJson) : JsonSerializer.SerializeToUtf8Bytes(Value, Value?.GetType() ?? typeof(object), JsonOptions));
}
