using System.Globalization;
using System.Text;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Data;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Scores a whole catalog: <see cref="StartAsync"/> hashes the upload (identical bytes are answered from the earlier
/// run), pins the live model version, splits the upload into chunks and queues them; workers score the chunks
/// (<see cref="ChunkWorker"/>); when every chunk is done, <see cref="MergeAsync"/> writes <c>scored/{name}</c> in input
/// order and the run report beside it. The Functions app drives it through <see cref="ScoreUploadAsync"/> and
/// <see cref="ScoreChunkAsync"/> (whoever finishes the last chunk merges); <c>hitpredictor catalog</c> runs the same steps
/// with its own workers.
/// </summary>
public sealed partial class CatalogService(
    ICatalogFiles files,
    IChunkQueueClient queue,
    IModelStore models,
    PinnedModels pinned,
    CatalogSplitter splitter,
    ChunkWorker worker,
    CatalogMerger merger,
    IOptions<CatalogOptions> options,
    TimeProvider time,
    ILogger<CatalogService> logger)
{
    /// <summary>The Event Grid-sourced upload: start (or answer) the run, and merge if its chunks were all done meanwhile.</summary>
    public async Task<CatalogStart> ScoreUploadAsync(DatasetSource upload, CancellationToken cancellationToken)
    {
        var start = await StartAsync(upload, cancellationToken).ConfigureAwait(false);
        if (start.Run is { } run)
        {
            await CompleteIfDoneAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        }

        return start;
    }

    /// <summary>A queue delivery: score the chunk; when it was the run's last, merge (one merger wins the claim).</summary>
    public async Task<ChunkOutcome> ScoreChunkAsync(ChunkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcome = await worker.ProcessAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
        if (outcome is ChunkOutcome.Scored or ChunkOutcome.Failed)
        {
            await CompleteIfDoneAsync(message.RunId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Reads the upload twice (hash, then split); answers at once when it cannot be scored or its bytes were scored
    /// before; else records the run with the pinned model version and queues every chunk as it is written. A run that
    /// was started before with the same bytes and name is resumed with its pinned version.
    /// </summary>
    public async Task<CatalogStart> StartAsync(DatasetSource upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var name = upload.Name;
        var bytes = await upload.GetSizeAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"The upload {name} is gone.");
        string sha256;
        await using (var stream = await upload.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sha256 = await DatasetHasher.Sha256Async(stream, cancellationToken).ConfigureAwait(false);
        }

        var runId = sha256[..32];
        var earlier = await CatalogJson.ReadAsync<CatalogReport>(files, CatalogNames.Runs, CatalogPaths.Report(runId), cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            return new CatalogStart(null, await AnswerFromAsync(earlier, name, cancellationToken).ConfigureAwait(false), Resumed: false);
        }

        var run = await CatalogJson.ReadAsync<CatalogRun>(files, CatalogNames.Runs, CatalogPaths.Run(runId), cancellationToken).ConfigureAwait(false);
        if (run is not null && run.Name != name)
        {
            var busy = new CatalogReport
            {
                Name = name,
                Outcome = CatalogOutcome.InProgress,
                Reason = $"The same bytes (SHA-256 {sha256}) are being scored as {run.Name}; its output will be {CatalogNames.Scored}/{run.Name}.",
                RunId = runId,
                Sha256 = sha256,
                ModelVersion = run.ModelVersion,
                AnsweredFrom = run.Name,
            };
            await WriteReportAsync(busy, runLevel: false, cancellationToken).ConfigureAwait(false);
            return new CatalogStart(null, busy, Resumed: false);
        }

        if (run is { Chunks: not null })
        {
            Log.Resumed(logger, name, runId, run.ModelVersion);
            return new CatalogStart(run, null, Resumed: true);
        }

        var resumed = run is not null;
        if (run is null)
        {
            var pointer = await models.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (pointer is null)
            {
                var noModel = Rejected(name, runId, sha256, null, $"No model is published in {models.Description}: publish one, then upload again.");
                await WriteReportAsync(noModel, runLevel: false, cancellationToken).ConfigureAwait(false);
                return new CatalogStart(null, noModel, Resumed: false);
            }

            run = new CatalogRun
            {
                RunId = runId,
                Name = name,
                Sha256 = sha256,
                Bytes = bytes,
                ModelVersion = pointer.Version,
                StartedAt = time.GetUtcNow(),
                ChunkRows = options.Value.ChunkRows,
            };
            await CatalogJson.WriteAsync(files, CatalogNames.Runs, CatalogPaths.Run(runId), run, cancellationToken).ConfigureAwait(false);
        }

        Log.Started(logger, name, runId, run.ModelVersion, resumed);
        var model = await pinned.GetAsync(run.ModelVersion, cancellationToken).ConfigureAwait(false);
        var readerOptions = CsvBatchScorer.ReaderOptions(model.Package);
        IReadOnlyList<ChunkRange> chunks;
        try
        {
            await using var stream = await upload.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            chunks = await splitter.SplitAsync(stream, readerOptions, runId, run.ChunkRows,
                (chunk, ct) => queue.SendAsync(new ChunkMessage(runId, chunk.Index, chunk.FirstLine), ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetFormatException ex)
        {
            var rejected = Rejected(name, runId, sha256, run.ModelVersion, ex.Message);
            await WriteReportAsync(rejected, runLevel: true, cancellationToken).ConfigureAwait(false);
            return new CatalogStart(null, rejected, Resumed: false);
        }

        run = run with { Chunks = chunks, Rows = chunks.Sum(c => c.Rows) };
        await CatalogJson.WriteAsync(files, CatalogNames.Runs, CatalogPaths.Run(runId), run, cancellationToken).ConfigureAwait(false);
        return new CatalogStart(run, null, resumed);
    }

    /// <summary>The chunks of <paramref name="run"/> with no summary yet (to queue again after a restart).</summary>
    public async Task<IReadOnlyList<ChunkRange>> PendingAsync(CatalogRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var done = await DoneAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        return [.. (run.Chunks ?? []).Where(c => !done.Contains(CatalogPaths.Done(run.RunId, c.Index)))];
    }

    /// <summary>Queues <paramref name="chunks"/> of <paramref name="run"/> again (a redelivery is harmless).</summary>
    public async Task RequeueAsync(CatalogRun run, IEnumerable<ChunkRange> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            await queue.SendAsync(new ChunkMessage(run.RunId, chunk.Index, chunk.FirstLine), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Merges the run if every chunk is done and no one else claimed the merge; the report, or <see langword="null"/>.</summary>
    public async Task<CatalogReport?> CompleteIfDoneAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await CatalogJson.ReadAsync<CatalogRun>(files, CatalogNames.Runs, CatalogPaths.Run(runId), cancellationToken).ConfigureAwait(false);
        if (run?.Chunks is null || (await PendingAsync(run, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }

        if (!await TryClaimMergeAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await MergeAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the run's merge: creates its first claim, or, when every claim so far is older than
    /// <see cref="CatalogOptions.MergeClaimSeconds"/> (its merger died mid-merge), the next one; <see langword="false"/>
    /// when a live claim holds it. Each claim is created only if absent, so one claimant wins each generation.
    /// </summary>
    private async Task<bool> TryClaimMergeAsync(string runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claim = Encoding.UTF8.GetBytes(now.ToString("O", CultureInfo.InvariantCulture));
        var timeout = TimeSpan.FromSeconds(options.Value.MergeClaimSeconds);
        for (var generation = 0; ; generation++)
        {
            var name = CatalogPaths.MergeClaim(runId, generation);
            if (await files.TryCreateAsync(CatalogNames.Runs, name, claim, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (await ClaimedAtAsync(name, cancellationToken).ConfigureAwait(false) is { } claimedAt && now - claimedAt < timeout)
            {
                return false;
            }
        }
    }

    /// <summary>When the claim was made, or <see langword="null"/> when it is gone or unreadable (then it holds nothing).</summary>
    private async Task<DateTimeOffset?> ClaimedAtAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await files.OpenReadAsync(CatalogNames.Runs, name, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var claimedAt) ? claimedAt : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Merges the results of a run whose chunks are all done into <c>scored/{name}</c> and writes its report.</summary>
    public async Task<CatalogReport> MergeAsync(CatalogRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var chunks = run.Chunks ?? throw new InvalidOperationException($"Run {run.RunId} is not split yet.");
        var maxDetails = options.Value.MaxRejectedDetails;
        var rejectedRows = new List<RejectedRow>();
        var failed = new List<FailedChunk>();
        var scoredChunks = new List<int>();
        int rows = 0, scored = 0, rejected = 0;
        long retries = 0;
        foreach (var chunk in chunks)
        {
            var summary = await CatalogJson.ReadAsync<ChunkSummary>(files, CatalogNames.Runs, CatalogPaths.Done(run.RunId, chunk.Index), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Chunk {chunk.Index} of run {run.RunId} is not done.");
            retries += summary.Attempt - 1;
            if (summary.Failure is not null)
            {
                failed.Add(new FailedChunk(chunk.Index, chunk.FirstLine, chunk.Rows, summary.Attempt, summary.Failure));
                continue;
            }

            scoredChunks.Add(chunk.Index);
            rows += summary.Rows;
            scored += summary.Scored;
            rejected += summary.Rejected;
            rejectedRows.AddRange(summary.RejectedRows.Take(maxDetails - rejectedRows.Count));
        }

        var mergeStart = time.GetTimestamp();
        string? output = null;
        if (scoredChunks.Count > 0)
        {
            await merger.MergeAsync(run.RunId, scoredChunks, CatalogNames.Scored, run.Name, cancellationToken).ConfigureAwait(false);
            output = $"{CatalogNames.Scored}/{run.Name}";
        }

        var finished = time.GetUtcNow();
        var seconds = (finished - run.StartedAt).TotalSeconds;
        var report = new CatalogReport
        {
            Name = run.Name,
            Outcome = failed.Count == 0 ? CatalogOutcome.Scored : CatalogOutcome.Partial,
            Reason = failed.Count == 0
                ? $"Scored {scored:N0} of {rows:N0} rows with model {run.ModelVersion}; {rejected:N0} rejected (each with its line and reason in the error column)."
                : $"{failed.Count} of {chunks.Count} chunks kept failing ({failed.Sum(f => f.Rows):N0} rows, listed in failedChunks, not in the output); scored {scored:N0} of the other {rows:N0} rows.",
            RunId = run.RunId,
            Sha256 = run.Sha256,
            ModelVersion = run.ModelVersion,
            Output = output,
            Rows = rows,
            Scored = scored,
            Rejected = rejected,
            RejectedRows = rejectedRows,
            Chunks = chunks.Count,
            FailedChunks = failed,
            Retries = retries,
            Seconds = Math.Round(seconds, 3),
            RowsPerSecond = seconds > 0 ? Math.Round(rows / seconds) : 0,
            MergeSeconds = Math.Round(time.GetElapsedTime(mergeStart).TotalSeconds, 3),
            StartedAt = run.StartedAt,
            FinishedAt = finished,
        };
        await WriteReportAsync(report, runLevel: true, cancellationToken).ConfigureAwait(false);
        Log.Completed(logger, run.Name, run.RunId, rows, rejected, failed.Count, seconds);
        return report;
    }

    /// <summary>The report of an earlier run of the same bytes, as the answer to <paramref name="name"/>; its output copied to <c>scored/{name}</c>.</summary>
    private async Task<CatalogReport> AnswerFromAsync(CatalogReport earlier, string name, CancellationToken cancellationToken)
    {
        if (earlier.Name == name)
        {
            return earlier;
        }

        string? output = null;
        if (earlier.Output is not null)
        {
            await files.WriteAsync(CatalogNames.Scored, name, async (target, ct) =>
            {
                await using var source = await files.OpenReadAsync(CatalogNames.Scored, earlier.Name, ct).ConfigureAwait(false);
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            output = $"{CatalogNames.Scored}/{name}";
        }

        var answer = earlier with
        {
            Name = name,
            Outcome = earlier.Outcome == CatalogOutcome.Rejected ? CatalogOutcome.Rejected : CatalogOutcome.AlreadyScored,
            Reason = $"Identical to {earlier.Name} (SHA-256 {earlier.Sha256}), answered from that run: {earlier.Reason}",
            AnsweredFrom = earlier.Name,
            Output = output,
        };
        await WriteReportAsync(answer, runLevel: false, cancellationToken).ConfigureAwait(false);
        Log.AnsweredFrom(logger, name, earlier.Name);
        return answer;
    }

    private async Task<HashSet<string>> DoneAsync(string runId, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var file in files.ListAsync(CatalogNames.Runs, CatalogPaths.DonePrefix(runId), cancellationToken).ConfigureAwait(false))
        {
            done.Add(file);
        }

        return done;
    }

    private async Task WriteReportAsync(CatalogReport report, bool runLevel, CancellationToken cancellationToken)
    {
        await CatalogJson.WriteAsync(files, CatalogNames.Scored, CatalogNames.ReportOf(report.Name), report, cancellationToken).ConfigureAwait(false);
        if (runLevel && report.RunId is { } runId)
        {
            await CatalogJson.WriteAsync(files, CatalogNames.Runs, CatalogPaths.Report(runId), report, cancellationToken).ConfigureAwait(false);
        }
    }

    private static CatalogReport Rejected(string name, string runId, string sha256, string? modelVersion, string reason) => new()
    {
        Name = name,
        Outcome = CatalogOutcome.Rejected,
        Reason = reason,
        RunId = runId,
        Sha256 = sha256,
        ModelVersion = modelVersion,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Catalog {Name}: run {RunId} on model {ModelVersion} (resumed: {Resumed})", EventName = "CatalogStarted")]
        public static partial void Started(ILogger logger, string name, string runId, string modelVersion, bool resumed);

        [LoggerMessage(2, LogLevel.Information, "Catalog {Name}: run {RunId} under way on model {ModelVersion}; resumed", EventName = "CatalogResumed")]
        public static partial void Resumed(ILogger logger, string name, string runId, string modelVersion);

        [LoggerMessage(3, LogLevel.Information, "Catalog {Name}: run {RunId} merged, {Rows} rows, {Rejected} rejected, {Failed} chunks failed, {Seconds:0.0} s", EventName = "CatalogCompleted")]
        public static partial void Completed(ILogger logger, string name, string runId, int rows, int rejected, int failed, double seconds);

        [LoggerMessage(4, LogLevel.Information, "Catalog {Name}: identical to {Earlier}, answered from that run", EventName = "CatalogAnsweredFromEarlier")]
        public static partial void AnsweredFrom(ILogger logger, string name, string earlier);
    }
}
