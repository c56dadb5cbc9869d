namespace HitPredictor.Serving;

/// <summary>
/// Settings of the scoring service, section <c>Serving</c> (app settings <c>Serving__PollSeconds</c> and so on).
/// The storage account itself is the connection named <c>ModelStorage</c> (see <see cref="Storage.ModelStoreFactory"/>).
/// </summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Container (or sub-folder of a folder store) of model packages and the pointer. Default <c>models</c>.</summary>
    public string ModelsContainer { get; set; } = "models";

    /// <summary>Container of uploaded datasets (retraining). Default <c>datasets</c>.</summary>
    public string DatasetsContainer { get; set; } = "datasets";

    /// <summary>Container of retraining reports. Default <c>reports</c>.</summary>
    public string ReportsContainer { get; set; } = "reports";

    /// <summary>A folder to use as the store instead of Blob Storage. Default none.</summary>
    public string? StoreFolder { get; set; }

    /// <summary>Seconds between checks of the pointer's ETag (1 to 3,600). Default 30.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>Prediction engines kept per loaded model (1 to 1,024). Default 4 per processor, at least 16: fewer than the concurrent requests makes the pool create and dispose engines (measured: 190 against 101 µs a score with 16 scorers).</summary>
    public int PoolSize { get; set; } = Math.Max(16, Environment.ProcessorCount * 4);

    /// <summary>Most tracks in one scoring request (1 to 100,000). Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Largest request body in bytes (1 KiB to 256 MiB). Default 4 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Seconds a client is told to wait (Retry-After) while no model is loaded (1 to 3,600). Default 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Origins (scheme://host[:port], comma-separated) whose web pages may call the API from the browser (CORS), as
    /// <c>hitpredictor serve</c> applies it. Default none: same-origin only. The Functions app gets the platform's
    /// CORS from the deployment instead (<c>CORS_ALLOWED_ORIGINS</c>, docs/deploy.md).
    /// </summary>
    public string? CorsOrigins { get; set; }

    /// <summary>
    /// A key every API call except <c>/api/health</c> must send in the <c>x-functions-key</c> header (as a function key
    /// is sent), as <c>hitpredictor serve</c> applies it: at least 16 characters. Default none: anonymous.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Log every HTTP request (ASP.NET Core's request start, endpoint and finish events at Information, about 500
    /// bytes each). Default off: a loaded server's log keeps start-up, model swaps, warnings and errors only.
    /// Read once at start (<see cref="ServingLogging"/>); <c>Logging__LogLevel__Microsoft.AspNetCore</c> overrides it.
    /// </summary>
    public bool RequestLogging { get; set; }

    /// <summary>The allowed origins of <see cref="CorsOrigins"/>, parsed.</summary>
    public IReadOnlyList<string> CorsOriginList =>
        string.IsNullOrWhiteSpace(CorsOrigins)
            ? []
            : [.. CorsOrigins.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
