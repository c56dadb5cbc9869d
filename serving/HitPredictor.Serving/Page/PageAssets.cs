using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Security.Cryptography;

namespace HitPredictor.Serving.Page;

/// <summary>
/// The web page's files (<c>Page/wwwroot</c>), embedded in this assembly so the app serves everything the page
/// needs itself: no CDN, no build step, works offline. Read once; each file gets an ETag from its SHA-256.
/// </summary>
public sealed class PageAssets
{
    /// <summary>Prefix of the embedded resources' logical names (set in the project file).</summary>
    public const string ResourcePrefix = "page/";

    /// <summary>The file served for <c>GET /</c>.</summary>
    public const string IndexFile = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, PageAsset> _files;

    private PageAssets(IEnumerable<PageAsset> files) =>
        _files = files.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The files embedded in this assembly.</summary>
    public static PageAssets Embedded { get; } = Load(typeof(PageAssets).Assembly);

    /// <summary>
    /// The file for a request path: <c>""</c>, <c>"/"</c> or <c>"index.html"</c> give the page; <c>"app.js"</c> the
    /// script. Only the page's own files are found; anything else (folders, <c>..</c>) is not.
    /// </summary>
    public bool TryGet(string? path, [MaybeNullWhen(false)] out PageAsset asset)
    {
        var name = (path ?? "").Trim('/');
        return _files.TryGetValue(name.Length == 0 ? IndexFile : name, out asset);
    }

    private static PageAsset Create(string name, byte[] content)
    {
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
        return new PageAsset(name, content, contentType, etag);
    }

    private static PageAssets Load(Assembly assembly)
    {
        var files = new List<PageAsset>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(Create(resource[ResourcePrefix.Length..], buffer.ToArray()));
        }

        return new PageAssets(files);
    }
}
