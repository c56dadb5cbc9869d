namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Settings of catalog scoring, section <c>Catalog</c> (app settings <c>Catalog__ChunkRows</c> and so on). The
/// containers and the queue are named by <see cref="CatalogNames"/>: the Functions triggers bind them by name.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Data rows per chunk (100 to 1,000,000). Default 10,000: about 2 MB of CSV, scored in under a second.</summary>
    public int ChunkRows { get; set; } = 10_000;

    /// <summary>
    /// Deliveries of a chunk before it is reported as failed and the run completes without it (1 to 100). Default 5, the
    /// queue trigger's <c>maxDequeueCount</c> in host.json: the last delivery records the failure instead of throwing.
    /// </summary>
    public int MaxChunkAttempts { get; set; } = 5;

    /// <summary>Rejected rows the run report lists with line and reason (0 to 100,000; the count is always exact). Default 1,000.</summary>
    public int MaxRejectedDetails { get; set; } = 1_000;

    /// <summary>Seconds a chunk received by a worker stays invisible to the others (10 to 3,600). Default 300.</summary>
    public int VisibilitySeconds { get; set; } = 300;

    /// <summary>
    /// Seconds a merge claim holds (10 to 86,400): a claim older than this is taken over by the next worker that finds the
    /// run's chunks all done, so a merger that died mid-merge does not block the run forever. Default 900.
    /// </summary>
    public int MergeClaimSeconds { get; set; } = 900;

    /// <summary>
    /// Chunks one process scores at once (1 to 1,024), whatever the number of workers or the queue's batch size: scoring is
    /// CPU-bound, so more than the cores only adds switching. Default the processor count.
    /// </summary>
    public int MaxConcurrentScoring { get; set; } = Environment.ProcessorCount;
}
