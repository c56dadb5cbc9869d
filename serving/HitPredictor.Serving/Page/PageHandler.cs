using HitPredictor.Serving.Http;
using Microsoft.AspNetCore.Http;

namespace HitPredictor.Serving.Page;

/// <summary>
/// <c>GET /</c> and <c>GET /{file}</c>: the web page's files. Every answer carries a Content-Security-Policy that
/// allows this origin only, an ETag, and <c>Cache-Control: no-cache</c> (the browser revalidates, so a new page
/// shows up at once after a deploy and an unchanged one costs a 304).
/// </summary>
public sealed class PageHandler(PageAssets assets)
{
    /// <summary>
    /// The route of the page's files: one optional path segment, so <c>/</c> and <c>/app.js</c> match and
    /// <c>/api/...</c> never does.
    /// </summary>
    public const string Route = Routes.Page;

    /// <summary>Nothing from another origin, no inline script or style, no plugins, not framed, forms post here only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public IResult Handle(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!assets.TryGet(request.Path.Value, out var asset))
        {
            return Problems.NotFound();
        }

        var notModified = request.Headers.IfNoneMatch.Any(value =>
            value is not null && value.Split(',').Any(tag => tag.Trim() is var t && (t == asset.ETag || t == "*")));
        return new AssetResult(asset, notModified);
    }

    private sealed class AssetResult(PageAsset asset, bool notModified) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => notModified ? StatusCodes.Status304NotModified : StatusCodes.Status200OK;

        public string ContentType => asset.ContentType;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = StatusCode!.Value;
            var headers = response.Headers;
            headers.ETag = asset.ETag;
            headers.CacheControl = "no-cache";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (notModified)
            {
                return;
            }

            response.ContentType = asset.ContentType;
            response.ContentLength = asset.Content.Length;
            await response.Body.WriteAsync(asset.Content, httpContext.RequestAborted);
        }
    }
}
