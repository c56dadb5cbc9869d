using System.Diagnostics;
using HitPredictor.Training.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Scores one chunk with its run's pinned model version: reads the chunk, scores it through <see cref="CsvBatchScorer"/>
/// (rows on their input lines) once <see cref="ScoringSlots"/> has a slot, streaming its results as they are scored, and then writes its summary. Idempotent: a chunk whose summary is there is
/// not scored again, and a chunk scored twice (two deliveries at once) writes the same files, so no row is ever doubled.
/// A failure is thrown (the queue delivers the chunk again) until the last allowed delivery, which records it instead.
/// </summary>
public sealed partial class ChunkWorker(
    ICatalogFiles files, PinnedModels models, ScoringSlots slots, IOptions<CatalogOptions> options, ILogger<ChunkWorker> logger)
{
    public async Task<ChunkOutcome> ProcessAsync(ChunkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var done = CatalogPaths.Done(message.RunId, message.Index);
        if (await files.GetSizeAsync(CatalogNames.Runs, done, cancellationToken).ConfigureAwait(false) is not null)
        {
            Log.AlreadyDone(logger, message.RunId, message.Index, dequeueCount);
            return ChunkOutcome.AlreadyDone;
        }

        var run = await CatalogJson.ReadAsync<CatalogRun>(files, CatalogNames.Runs, CatalogPaths.Run(message.RunId), cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            Log.NoRun(logger, message.RunId, message.Index);
            return ChunkOutcome.NoRun;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var result = await ScoreAsync(run, message, cancellationToken).ConfigureAwait(false);
            await WriteSummaryAsync(message, new ChunkSummary
            {
                Index = message.Index,
                FirstLine = message.FirstLine,
                Rows = result.RowsRead,
                Scored = result.Scored,
                Rejected = result.RejectedCount,
                RejectedRows = result.Rejected,
                Attempt = dequeueCount,
                Seconds = clock.Elapsed.TotalSeconds,
            }, cancellationToken).ConfigureAwait(false);
            return ChunkOutcome.Scored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dequeueCount >= options.Value.MaxChunkAttempts)
        {
            Log.GaveUp(logger, ex, message.RunId, message.Index, dequeueCount);
            await WriteSummaryAsync(message, new ChunkSummary
            {
                Index = message.Index,
                FirstLine = message.FirstLine,
                Rows = 0,
                Scored = 0,
                Rejected = 0,
                RejectedRows = [],
                Attempt = dequeueCount,
                Seconds = clock.Elapsed.TotalSeconds,
                Failure = ex.Message,
            }, cancellationToken).ConfigureAwait(false);
            return ChunkOutcome.Failed;
        }
    }

    private async Task<BatchScoreResult> ScoreAsync(CatalogRun run, ChunkMessage message, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(run.ModelVersion, cancellationToken).ConfigureAwait(false);
        BatchScoreResult? result = null;
        await using var input = await files.OpenReadAsync(CatalogNames.Runs, CatalogPaths.Chunk(run.RunId, message.Index), cancellationToken).ConfigureAwait(false);
        await files.WriteAsync(CatalogNames.Runs, CatalogPaths.Result(run.RunId, message.Index), async (scored, ct) =>
            result = await slots.RunAsync(() => model.WithEngineAsync(engine =>
                CsvBatchScorer.ScoreAsync(model.Package, engine, input, scored, lineOffset: message.FirstLine - 2, ct)), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    private Task WriteSummaryAsync(ChunkMessage message, ChunkSummary summary, CancellationToken cancellationToken) =>
        CatalogJson.WriteAsync(files, CatalogNames.Runs, CatalogPaths.Done(message.RunId, message.Index), summary, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Chunk {Index} of catalog run {RunId} is already done (delivery {Delivery}): skipped", EventName = "ChunkAlreadyDone")]
        public static partial void AlreadyDone(ILogger logger, string runId, int index, long delivery);

        [LoggerMessage(2, LogLevel.Warning, "Chunk {Index} of catalog run {RunId}: the run's record is gone; message dropped", EventName = "ChunkWithoutRun")]
        public static partial void NoRun(ILogger logger, string runId, int index);

        [LoggerMessage(3, LogLevel.Error, "Chunk {Index} of catalog run {RunId} failed on delivery {Delivery}, its last: recorded as failed", EventName = "ChunkGivenUp")]
        public static partial void GaveUp(ILogger logger, Exception exception, string runId, int index, long delivery);
    }
}
