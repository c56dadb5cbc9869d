using System.Globalization;
using HitPredictor.Audio;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

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

    /// <summary>415 for <c>POST /api/analyze</c>: the body is neither audio nor a form carrying a file.</summary>
    public static ServingResult UnsupportedAudioType(string? contentType) =>
        Plain(StatusCodes.Status415UnsupportedMediaType, "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            "Unsupported content type.",
            $"Send the audio as the body with Content-Type audio/wav, audio/mpeg or audio/ogg (or application/octet-stream), or as a multipart/form-data file field; got {(string.IsNullOrEmpty(contentType) ? "no content type" : $"'{contentType}'")}.");

    /// <summary>413 for <c>POST /api/analyze</c>: the audio is over <see cref="ServingOptions.MaxAudioBytes"/>.</summary>
    public static ServingResult AudioTooLarge(long maxBytes) =>
        Audio(StatusCodes.Status413RequestEntityTooLarge, "too-large",
            string.Create(CultureInfo.InvariantCulture, $"too large: at most {maxBytes:N0} bytes of audio per request"));

    /// <summary>The audio cannot be analysed or scored (<see cref="AudioProblem"/>): 400, 413 or 415 with the reason and its code.</summary>
    public static ServingResult BadAudio(AudioRejectedException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return Audio(rejected.Problem.HttpStatus(), rejected.Problem.Code(), rejected.Message);
    }

    /// <summary>503 with Retry-After: every analysis slot stayed taken while the upload waited.</summary>
    public static ServingResult AnalysesBusy(int concurrent, int waitSeconds, int retryAfterSeconds)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Title = "Too many audio analyses at once.",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{concurrent:N0} analys{(concurrent == 1 ? "is is" : "es are")} running and none ended within {waitSeconds} s. Retry after {retryAfterSeconds} s."),
        };
        return ServingResult.Problem(problem, StatusCodes.Status503ServiceUnavailable,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>409: <c>?explain=true</c> asked of a live model that cannot explain its scores (the reason says why).</summary>
    public static ServingResult CannotExplain(string reason) =>
        Plain(StatusCodes.Status409Conflict, "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            "The live model cannot explain its scores.", reason + ". Send the request without explain=true to score.");

    /// <summary>
    /// 413: the request costs more forest evaluations than <paramref name="budget"/>; says the cost, the budget and how to
    /// come under it. <paramref name="perExplanation"/> is what explaining one track costs, when explanations were asked
    /// for (0 otherwise). <paramref name="expensiveTracks"/> cost more than one
    /// each (up to <paramref name="perExpensiveTrack"/>): under a model family (<paramref name="family"/>), tracks whose
    /// missing features are integrated out; under an older package, genre-less tracks averaged over every genre.
    /// </summary>
    public static ServingResult OverBudget(
        long cost, int budget, int expensiveTracks, int perExpensiveTrack, int tracks, int perExplanation = 0, bool family = true)
    {
        if (perExplanation > 0)
        {
            return Plain(StatusCodes.Status413RequestEntityTooLarge, "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                "The request would cost too many predictions.",
                string.Create(CultureInfo.InvariantCulture,
                    $"Scoring and explaining these {tracks:N0} tracks costs {cost:N0} predictions (explaining a track costs up to {perExplanation:N0}; a track {(family ? "with missing features, up to" : "without a genre,")} {perExpensiveTrack:N0}), over the budget of {budget:N0} per request. Explain at most {Math.Max(1, budget / (perExplanation + 1)):N0} tracks per request, or leave out explain=true to score the batch."));
        }

        var (which, why) = family
            ? ("with missing features", "up to {0:N0} each: the missing values are averaged over that many real tracks")
            : ("without a genre", "{0:N0} each: one per genre the model knows");
        var expensivePart = expensiveTracks == 0
            ? ""
            : string.Format(CultureInfo.InvariantCulture, $" ({expensiveTracks:N0} track{(expensiveTracks == 1 ? "" : "s")} {which} cost {why})", perExpensiveTrack);
        var fitting = budget >= perExpensiveTrack ? budget / perExpensiveTrack : 0;
        var split = fitting > 0
            ? string.Create(CultureInfo.InvariantCulture, $", or split the batch (at most {fitting:N0} tracks {which} per request)")
            : ", or split the batch";
        var fix = expensiveTracks == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Split the batch into requests of at most {budget:N0} tracks.")
            : family
                ? $"Give each track every feature of one of the family's input sets (1 prediction each){split}."
                : $"Give each track its genre (1 prediction each){split}.";
        return Plain(StatusCodes.Status413RequestEntityTooLarge, "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            "The request would cost too many predictions.",
            string.Create(CultureInfo.InvariantCulture,
                $"Scoring these {tracks:N0} tracks costs {cost:N0} predictions{expensivePart}, over the budget of {budget:N0} per request. {fix}"));
    }

    /// <summary>429 with Retry-After: as many expensive requests as allowed are being scored already.</summary>
    public static ServingResult Busy(long cost, int threshold, int concurrent, int retryAfterSeconds)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
            Title = "Too many expensive requests at once.",
            Status = StatusCodes.Status429TooManyRequests,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"This request costs {cost:N0} predictions (more than {threshold:N0} counts as expensive) and {concurrent:N0} such request{(concurrent == 1 ? " is" : "s are")} already being scored. Retry after {retryAfterSeconds} s, or give the tracks their genre to make it cheap."),
        };
        return ServingResult.Problem(problem, StatusCodes.Status429TooManyRequests,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>503 with Retry-After: no model is loaded.</summary>
    public static ServingResult NotReady(string reason, int retryAfterSeconds)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Title = "No model is loaded.",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = reason,
        };
        return ServingResult.Problem(problem, StatusCodes.Status503ServiceUnavailable,
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>401: the service is protected by a key (<see cref="ApiAccess"/>) and the request did not send it.</summary>
    public static ServingResult Unauthorized() =>
        Plain(StatusCodes.Status401Unauthorized, "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            "An API key is required.", $"Send the service's key in the {ApiAccess.KeyHeader} header.");

    /// <summary>404: no route answers this path.</summary>
    public static ServingResult NotFound() =>
        Plain(StatusCodes.Status404NotFound, "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            "Not found.", $"There is no such route. The page is at /; the API is under /api/ and described at /{Routes.OpenApi}.");

    /// <summary>405: the route exists but not for this method; <paramref name="allow"/> is the route's <c>Allow</c> header.</summary>
    public static ServingResult MethodNotAllowed(string allow) =>
        Plain(StatusCodes.Status405MethodNotAllowed, "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            "Method not allowed.", string.IsNullOrEmpty(allow) ? "This route does not answer this method." : $"This route answers {allow} only.");

    /// <summary>Any other error status a handler left without a body, titled by its reason phrase.</summary>
    public static ServingResult ForStatus(int status, string allow) => status switch
    {
        StatusCodes.Status404NotFound => NotFound(),
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(allow),
        _ => Plain(status, "https://tools.ietf.org/html/rfc9110#section-15",
            ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.",
            string.Create(CultureInfo.InvariantCulture, $"The request ended with status {status}.")),
    };

    /// <summary>500: the detail is logged, not returned.</summary>
    public static ServingResult Unexpected() =>
        Plain(StatusCodes.Status500InternalServerError, "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            "An unexpected error occurred.", "The error was logged; nothing was scored.");

    private static ServingResult Audio(int status, string reason, string detail)
    {
        var (type, title) = status switch
        {
            StatusCodes.Status413RequestEntityTooLarge => ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "The audio is over the limits."),
            StatusCodes.Status415UnsupportedMediaType => ("https://tools.ietf.org/html/rfc9110#section-15.5.16", "The body is not audio this service reads."),
            _ => ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "The audio cannot be analysed."),
        };
        var problem = new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail };
        problem.Extensions[AudioReasonField] = reason;
        return ServingResult.Problem(problem, status);
    }

    /// <summary>The problem-details member naming an audio problem's kind (<c>not-audio</c>, <c>corrupt</c>, <c>silent</c>, ...).</summary>
    public const string AudioReasonField = "reason";

    private static ServingResult Plain(int status, string type, string title, string detail) =>
        ServingResult.Problem(new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail }, status);
}
