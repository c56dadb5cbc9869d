namespace HitPredictor.Serving;

/// <summary>
/// Settings of the scoring service, section <c>Serving</c> (app settings <c>Serving__PollSeconds</c> and so on).
/// The storage account itself is the connection named <c>ModelStorage</c> (see <see cref="Storage.StoreLocation"/>).
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

    /// <summary>
    /// Most model predictions one scoring request may cost (1 to 10,000,000): a track with a genre costs 1, a track
    /// without one costs one per genre the model knows (112 for a model trained on the full dataset), since its
    /// probabilities are averaged over them. A request over the budget is refused with 413 before anything is scored.
    /// Default 1,000: a full batch of 1,000 tracks with genres, or 8 genre-less tracks of a full-dataset model (each
    /// answered within about a second on 2 cores; measured in docs/benchmarks.md).
    /// </summary>
    public int MaxPredictionsPerRequest { get; set; } = 1_000;

    /// <summary>
    /// A request costing more than this many predictions (1 to 10,000,000) is expensive: at most
    /// <see cref="MaxConcurrentExpensiveRequests"/> of them are scored at once, so cheap requests are not starved.
    /// Default 200 (two genre-less tracks of a full-dataset model).
    /// </summary>
    public int ExpensiveRequestPredictions { get; set; } = 200;

    /// <summary>
    /// Expensive requests scored at once (1 to 1,024); one more is refused at once with 429 and
    /// <c>Retry-After</c> (<see cref="BusyRetryAfterSeconds"/>). Default 1 per 2 processors, at least 1: a large batch
    /// already scores on every processor.
    /// </summary>
    public int MaxConcurrentExpensiveRequests { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Seconds a client refused with 429 (too many expensive requests at once) is told to wait (1 to 3,600). Default 1.</summary>
    public int BusyRetryAfterSeconds { get; set; } = 1;

    /// <summary>Largest audio body of <c>POST /api/analyze</c>, raw or as a form's file, in bytes (1 KiB to 1 GiB). Default 64 MiB.</summary>
    public long MaxAudioBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest audio <c>POST /api/analyze</c> analyses, in seconds (6 to 10,800). Default 1,200 (20 minutes).</summary>
    public int MaxAudioSeconds { get; set; } = 1_200;

    /// <summary>
    /// Audio analyses run at once (1 to 1,024): each holds its body (up to <see cref="MaxAudioBytes"/>) and a processor,
    /// so a burst of uploads waits here instead of exhausting memory. Default one per processor.
    /// </summary>
    public int MaxConcurrentAnalyses { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Seconds an upload waits for an analysis slot (0 to 60) before it is refused with 503 and <c>Retry-After</c>
    /// (<see cref="BusyRetryAfterSeconds"/>). Default 2.
    /// </summary>
    public int AnalysisWaitSeconds { get; set; } = 2;

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
