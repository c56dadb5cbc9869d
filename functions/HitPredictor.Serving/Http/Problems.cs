using System.Globalization;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HitPredictor.Serving.Http;

/// <summary>RFC 9457 problem details for every error the service answers.</summary>
public static class Problems
{
    /// <summary>400 listing every bad field by its path (<c>tracks[3].tempo</c>).</summary>
    public static ServingResult Validation(IEnumerable<FieldError> errors, string title = "Some tracks are invalid.")
    {
        var byPath = errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(byPath)
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = title,
            Status = StatusCodes.Status400BadRequest,
            Detail = byPath.Count == 1 && byPath.Values.First().Length == 1
                ? "1 field is invalid; nothing was scored."
                : string.Create(CultureInfo.InvariantCulture, $"{byPath.Values.Sum(v => v.Length)} problems; nothing was scored."),
        };
        return ServingResult.Problem(problem, StatusCodes.Status400BadRequest);
    }

    public static ServingResult BadRequest(string title, string detail) =>
        Plain(StatusCodes.Status400BadRequest, "https://tools.ietf.org/html/rfc9110#section-15.5.1", title, detail);

    public static ServingResult UnsupportedMediaType(string? contentType) =>
        Plain(StatusCodes.Status415UnsupportedMediaType, "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            "Unsupported content type.",
            $"Send the tracks as JSON with Content-Type: application/json; got {(string.IsNullOrEmpty(contentType) ? "no content type" : $"'{contentType}'")}.");

    public static ServingResult TooLarge(long maxBytes) =>
        Plain(StatusCodes.Status413RequestEntityTooLarge, "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            "The request body is too large.",
            string.Create(CultureInfo.InvariantCulture, $"At most {maxBytes:N0} bytes per request; send fewer tracks per request."));

    /// <summary>503 with Retry-After: no model is loaded.</summary>
    public static ServingResult NotReady(string reason, int retryAfterSeconds, string? lastError = null)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Title = "No model is loaded.",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = reason,
        };
        problem.Extensions["lastError"] = lastError;
        return ServingResult.Problem(problem, StatusCodes.Status503ServiceUnavailable,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>401: the service is protected by a key (<see cref="ApiAccess"/>) and the request did not send it.</summary>
    public static ServingResult Unauthorized() =>
        Plain(StatusCodes.Status401Unauthorized, "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            "An API key is required.", $"Send the service's key in the {ApiAccess.KeyHeader} header.");

    /// <summary>500: the detail is logged, not returned.</summary>
    public static ServingResult Unexpected() =>
        Plain(StatusCodes.Status500InternalServerError, "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            "An unexpected error occurred.", "The error was logged; nothing was scored.");

    private static ServingResult Plain(int status, string type, string title, string detail) =>
        ServingResult.Problem(new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail }, status);
}
