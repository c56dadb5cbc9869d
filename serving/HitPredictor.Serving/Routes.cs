namespace HitPredictor.Serving;

/// <summary>Every route the service answers, in one place (Functions routes have no leading slash).</summary>
public static class Routes
{
    /// <summary><c>POST /api/score</c>: one track, an array of tracks, or <c>{"tracks": [...]}</c>.</summary>
    public const string Score = "api/score";

    /// <summary><c>POST /api/analyze</c>: an audio file (raw body or multipart file field), analysed and scored.</summary>
    public const string Analyze = "api/analyze";

    /// <summary><c>GET /api/model</c>: the live model's card.</summary>
    public const string Model = "api/model";

    /// <summary><c>GET /api/models</c>: the stored model versions, newest first, the live one marked.</summary>
    public const string Models = "api/models";

    /// <summary><c>GET /api/health</c>: whether a model is loaded, and which.</summary>
    public const string Health = "api/health";

    /// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3 description of every route, built from this table and the track schema.</summary>
    public const string OpenApi = "api/openapi.json";

    /// <summary><c>GET /</c> and <c>GET /{file}</c>: the web page and its files (one segment, so never <c>api/...</c>).</summary>
    public const string Page = "{file?}";
}
