using HitPredictor.Serving.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Http;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 description (<see cref="ApiDocument"/>), built at the first call
/// and answered from the same UTF-8 bytes after that.
/// </summary>
public sealed class OpenApiHandler(IOptions<ServingOptions> options)
{
    private readonly Lazy<byte[]> _document = new(() => ApiDocument.Serialize(ApiDocument.Build(options.Value)));

    public IResult Handle() => ServingResult.Utf8Json(_document.Value);
}
