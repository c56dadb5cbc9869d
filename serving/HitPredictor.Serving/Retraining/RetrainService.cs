using System.Globalization;
using System.Runtime.ExceptionServices;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Data;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Packaging;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// One retraining run, used by the blob trigger and <c>hitpredictor retrain</c>: check the upload, hash it (streamed),
/// skip content already trained, take the retraining lock, read, clean, train and evaluate with the ML core (streamed
/// again), compare the candidate with the live model on held-out rows neither trained on (<see cref="FairComparison"/>),
/// promote it only when the <see cref="PromotionGate"/> says so (version first, then <c>current.json</c> on its ETag),
/// record the content as trained, and write the report. Bad uploads are outcomes in the report; only the unexpected
/// throws (so the trigger retries), and that run writes its report too. Nothing is pointed to before it is completely
/// written and loads. Given this process's serving pool, a live model the pool already serves is compared as it is, not
/// downloaded and loaded again (<see cref="ComparedLiveModel"/>).
/// </summary>
public sealed partial class RetrainService(
    RetrainStores stores, RetrainingOptions options, TimeProvider time, ILogger<RetrainService> logger, EnginePool? pool = null)
{
    public async Task<RetrainReport> RunAsync(DatasetSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var startedAt = time.GetUtcNow();
        var report = new RetrainReport
        {
            RunId = string.Create(CultureInfo.InvariantCulture, $"{startedAt:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}")[..26],
            Dataset = source.Name,
            Store = stores.Models.Description,
            StartedAt = startedAt,
        };
        var meter = new RunMeter(report);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RetrainRun"] = report.RunId, ["Dataset"] = source.Name });
        Log.Started(logger, source.Name, report.RunId);

        Exception? failure = null;
        try
        {
            await RunStepsAsync(source, report, meter, cancellationToken);
            report.LiveVersionAfter = (await ReadLiveAsync(report, cancellationToken)).Current?.Version;
        }
        catch (Exception ex)
        {
            failure = ex;
            report.Outcome = RetrainOutcome.Failed;
            report.Error = $"{ex.GetType().Name}: {ex.Message}";
            var promoted = report.LiveVersionAfter is { } after && after != report.LiveVersionBefore;
            var live = promoted ? $"{report.LiveVersionAfter} was already promoted" : "the live model is unchanged";
            report.Reason = ex is OperationCanceledException
                ? $"Cancelled during '{meter.Current}'; {live}."
                : $"Failed during '{meter.Current}': {ex.Message} ({live}; the trigger retries the upload).";
            Log.Failed(logger, source.Name, meter.Current, ex);
        }

        report.Memory = meter.Finish();
        report.FinishedAt = time.GetUtcNow();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await stores.Reports.WriteAsync(report, timeout.Token);
        }
        catch (Exception ex) when (failure is not null)
        {
            Log.ReportNotWritten(logger, source.Name, ex);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        Log.Finished(logger, source.Name, report.Outcome, report.Reason, stores.Reports.Locate(source.Name, report.RunId));
        return report;
    }

    private async Task RunStepsAsync(DatasetSource source, RetrainReport report, RunMeter meter, CancellationToken cancellationToken)
    {
        meter.Step("inspect");
        report.LiveVersionBefore = (await ReadLiveAsync(report, cancellationToken)).Current?.Version;
        var size = await source.GetSizeAsync(cancellationToken);
        report.SizeBytes = size;
        if (size is null)
        {
            Reject(report, $"The dataset '{source.Name}' no longer exists.");
            return;
        }

        if (size == 0)
        {
            Reject(report, "The file is empty: expected a header row followed by tracks.");
            return;
        }

        if (size > options.MaxDatasetBytes)
        {
            Reject(report, Invariant($"The file is {size:N0} bytes, over the limit of {options.MaxDatasetBytes:N0} bytes ({RetrainingOptions.SectionName}:{nameof(options.MaxDatasetBytes)})."));
            return;
        }

        meter.Step("hash");
        string sha256;
        await using (var stream = await source.OpenReadAsync(cancellationToken))
        {
            sha256 = await DatasetHasher.Sha256Async(stream, cancellationToken);
        }

        report.Sha256 = sha256;
        meter.Step("idempotency");
        if (await AlreadyTrainedAsync(sha256, report, cancellationToken))
        {
            return;
        }

        meter.Step("lock");
        Log.WaitingForLock(logger, source.Name);
        await using var lease = await stores.Lock.TryAcquireAsync(TimeSpan.FromSeconds(options.LeaseWaitSeconds), cancellationToken)
            ?? throw new TimeoutException(Invariant(
                $"another retraining held the lock for {options.LeaseWaitSeconds} s ({RetrainingOptions.SectionName}:{nameof(options.LeaseWaitSeconds)})"));
        report.LockAcquiredAt = time.GetUtcNow();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            if (await AlreadyTrainedAsync(sha256, report, linked.Token))
            {
                return;
            }

            await TrainAndDecideAsync(source, new DatasetInfo(source.Name, sha256, size.Value), report, meter, linked.Token);
        }
        finally
        {
            report.LockReleasedAt = time.GetUtcNow();
        }
    }

    private async Task TrainAndDecideAsync(DatasetSource source, DatasetInfo dataset, RetrainReport report, RunMeter meter, CancellationToken cancellationToken)
    {
        var training = options.ToTrainingOptions();
        meter.Step("read");
        TrainingData? data;
        try
        {
            data = await Task.Run(async () =>
            {
                await using var stream = await source.OpenReadAsync(cancellationToken);
                return TrainingData.Load(stream, dataset, training.Features, training.Hygiene, cancellationToken);
            }, cancellationToken);
        }
        catch (DatasetFormatException ex)
        {
            Reject(report, ex.Message);
            return;
        }

        report.Hygiene = data.Clean.Counts;
        report.RejectedRows = new RejectedRowsReport(data.Read.RejectedCount, data.Read.Rejected);
        if (!CheckHygiene(data, report))
        {
            return;
        }

        meter.Step("train");
        TrainingResult trained;
        try
        {
            var clean = data.Clean;
            data = null; // the raw rows are no longer needed: let them go before the forest grows
            trained = await Task.Run(() => new HitModelTrainer(training).Train(clean, dataset, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (InsufficientDataException ex)
        {
            Reject(report, ex.Message);
            return;
        }

        try
        {
            await DecideAsync(source, report, meter, training, trained, cancellationToken);
        }
        finally
        {
            (trained.Package.Model as IDisposable)?.Dispose();
        }
    }

    private bool CheckHygiene(TrainingData data, RetrainReport report)
    {
        var read = data.Read;
        var share = (double)read.RejectedCount / read.RowsRead;
        if (share > options.MaxRejectedShare)
        {
            var first = read.Rejected.Count > 0 ? $"; the first: {read.Rejected[0]}" : "";
            Reject(report, Invariant(
                $"{read.RejectedCount:N0} of {read.RowsRead:N0} rows ({share * 100:0.#}%) were rejected, more than the {options.MaxRejectedShare * 100:0.#}% allowed ({RetrainingOptions.SectionName}:{nameof(options.MaxRejectedShare)}){first}."));
            return false;
        }

        var counts = data.Clean.Counts;
        if (counts.AfterDeduplication < options.MinTracks)
        {
            Reject(report, Invariant(
                $"Only {counts.AfterDeduplication:N0} tracks are left after hygiene ({counts.RowsRead:N0} rows read, {counts.RejectedRows:N0} rejected, {counts.AfterExcludedGenres:N0} after excluded genres, {counts.AfterIncomplete:N0} complete, {counts.AfterDeduplication:N0} after removing repeats), fewer than the {options.MinTracks:N0} needed ({RetrainingOptions.SectionName}:{nameof(options.MinTracks)})."));
            return false;
        }

        return true;
    }

    private async Task DecideAsync(
        DatasetSource source, RetrainReport report, RunMeter meter, TrainingOptions training, TrainingResult trained, CancellationToken cancellationToken)
    {
        // A version per run: a run killed after writing its version never collides with the next run's.
        var card = trained.Package.Card with { Version = $"{trained.Package.Card.Version}-{report.RunId[^6..]}" };
        var candidate = trained.Package.WithCard(card);
        var ml = new MLContext(training.Seed);
        var test = trained.Split.Test;
        report.Candidate = new ModelFigures(card.Version, card.Metrics.Accuracy, card.Metrics.MacroF1, card.Metrics.LogLoss, test.Count);
        report.MajorityBaseline = card.Metrics.MajorityBaseline;

        meter.Step("compare");
        var live = await ReadLiveAsync(report, cancellationToken);
        var pointer = live.Current;
        var compared = pointer is not null ? await CompareWithLiveAsync(pointer.Version, ml, candidate, trained.Split, report, noteFailure: true, cancellationToken)
            : live.Unreadable is not null ? await CompareWithNewestLoadableAsync(ml, candidate, trained.Split, report, cancellationToken)
            : null;
        if (compared is not null)
        {
            report.Candidate = compared.Candidate;
            report.Live = compared.Live;
            report.MajorityBaseline = compared.Baseline;
            report.Comparison = compared.Comparison;
        }

        var decision = PromotionGate.Decide(report.Candidate, report.Live, report.Comparison, report.MajorityBaseline, options.MacroF1Tolerance);
        report.Rule = decision.Rule;
        report.Reason = decision.Reason;
        report.Outcome = RetrainOutcome.KeptLive;

        if (decision.Promote)
        {
            // The report, its model section and the dataset marker are written before the pointer moves, so a
            // run killed right after the move leaves a live version with its records (and the next run on the
            // same content finds the marker instead of promoting an identical copy).
            meter.Step("promote");
            await StoreCandidateAsync(candidate, ml, cancellationToken);
            report.Outcome = RetrainOutcome.Promoted;
            if (options.ModelSection)
            {
                meter.Step("modelSection");
                await WriteModelSectionAsync(source, candidate, ml, test, report, cancellationToken);
            }

            meter.Step("record");
            if (!await MovePointerAsync(source, card, live, report, cancellationToken))
            {
                return;
            }
        }
        else
        {
            if (options.ModelSection)
            {
                meter.Step("modelSection");
                await WriteModelSectionAsync(source, candidate, ml, test, report, cancellationToken);
            }

            meter.Step("record");
            await RecordAsync(source, card, report, report.Outcome, replacedVersion: null, cancellationToken);
        }

        if (report.Outcome == RetrainOutcome.Promoted)
        {
            Log.Promoted(logger, card.Version, pointer?.Version ?? "none");
        }
        else
        {
            Log.KeptLive(logger, pointer?.Version ?? "none", card.Version, report.Reason);
        }
    }

    /// <summary>
    /// The pointer, or (when <c>current.json</c> is unreadable) no pointer with the unreadable one's ETag, so a promotion
    /// can replace it as <c>publish</c> does; the report notes it once.
    /// </summary>
    private async Task<PointerRead> ReadLiveAsync(RetrainReport report, CancellationToken cancellationToken)
    {
        var read = await ModelPromoter.ReadPointerAsync(stores.Models, cancellationToken);
        var note = $"{ModelPointer.FileName} is unreadable ({read.Unreadable}): the candidate is judged against the newest stored version that loads " +
            "(the one the service falls back to), and a promotion replaces the unreadable pointer on its ETag.";
        if (read.Unreadable is not null && !report.Notes.Contains(note))
        {
            report.Notes.Add(note);
        }

        return read;
    }

    /// <summary>With <c>current.json</c> unreadable, the comparison with the version the service falls back to (the newest stored that loads).</summary>
    private async Task<ComparedFigures?> CompareWithNewestLoadableAsync(
        MLContext ml, ModelPackage candidate, DataSplit split, RetrainReport report, CancellationToken cancellationToken)
    {
        var versions = new List<StoredVersion>();
        await foreach (var version in stores.Models.ListVersionsAsync(cancellationToken))
        {
            versions.Add(version);
        }

        foreach (var stored in StoredVersion.NewestFirst(versions))
        {
            if (await CompareWithLiveAsync(stored.Version, ml, candidate, split, report, noteFailure: false, cancellationToken) is { } compared)
            {
                return compared;
            }
        }

        report.Notes.Add("No stored version loads: the candidate was judged against the majority baseline only.");
        return null;
    }

    /// <summary>Both models' figures on rows neither trained on (<see cref="FairComparison"/>); null when the live model does not load.</summary>
    private async Task<ComparedFigures?> CompareWithLiveAsync(
        string version, MLContext ml, ModelPackage candidate, DataSplit split, RetrainReport report, bool noteFailure, CancellationToken cancellationToken)
    {
        ComparedLiveModel live;
        try
        {
            live = await ComparedLiveModel.AcquireAsync(pool, stores.Models, version, cancellationToken);
        }
        catch (Exception ex) when (ex is ModelNotFoundException or ModelValidationException)
        {
            if (noteFailure)
            {
                report.Notes.Add($"The live model {version} could not be loaded ({ex.Message}); the candidate was judged against the majority baseline only.");
            }

            return null;
        }

        using (live)
        {
            if (live.FromPool)
            {
                Log.LiveModelFromPool(logger, version);
            }

            var compared = await Task.Run(() => FairComparison.Measure(ml, candidate, split, live.Package, options.MinComparisonRows), cancellationToken);
            Log.Compared(logger, compared.Comparison.Method, compared.Comparison.RowsCompared, compared.Comparison.CandidateHeldOutRows);
            return compared;
        }
    }

    /// <summary>Writes the candidate's version through the shared promoter (validated as the service will load it).</summary>
    private async Task StoreCandidateAsync(ModelPackage candidate, MLContext ml, CancellationToken cancellationToken)
    {
        using var zip = new MemoryStream();
        candidate.SaveModel(ml, zip);
        var modelZip = zip.GetBuffer().AsMemory(0, (int)zip.Length);
        await ModelPromoter.StoreVersionAsync(stores.Models, candidate.Card.Version, modelZip, ModelCardJson.Serialize(candidate.Card), cancellationToken);
    }

    /// <summary>
    /// Writes the dataset marker and the report (as promoted), then moves the pointer on the ETag read for the
    /// comparison. On a conflict the marker is rewritten as such (a conflict is not a final decision: the same
    /// content may be trained again) and the report says so when the run ends.
    /// </summary>
    private async Task<bool> MovePointerAsync(DatasetSource source, ModelCard card, PointerRead live, RetrainReport report, CancellationToken cancellationToken)
    {
        var pointer = live.Current;
        try
        {
            var moved = await ModelPromoter.MovePointerAsync(stores.Models, card.Version, live.ETag, async ct =>
            {
                await RecordAsync(source, card, report, RetrainOutcome.Promoted, pointer?.Version, ct);
                report.LiveVersionAfter = card.Version;
                await stores.Reports.WriteAsync(report, ct);
                report.LiveVersionAfter = null;
            }, cancellationToken);
            report.LiveVersionAfter = moved.Version;
            return true;
        }
        catch (PointerConflictException ex)
        {
            report.Outcome = RetrainOutcome.Conflict;
            report.Reason = $"{report.Reason} But {ModelPointer.FileName} moved while this run was deciding, so nothing was promoted " +
                $"({ex.Message}). Upload the dataset again to compare it with the new live model.";
            await RecordAsync(source, card, report, RetrainOutcome.Conflict, pointer?.Version, cancellationToken);
            Log.Conflict(logger, card.Version);
            return false;
        }
    }

    private Task RecordAsync(
        DatasetSource source, ModelCard card, RetrainReport report, RetrainOutcome outcome, string? replacedVersion, CancellationToken cancellationToken) =>
        stores.Datasets.RecordAsync(
            new TrainedDataset(card.Dataset.Sha256, source.Name, card.Version, outcome, stores.Reports.Locate(source.Name, report.RunId), time.GetUtcNow())
            {
                ReplacedVersion = replacedVersion,
            },
            cancellationToken);

    private async Task WriteModelSectionAsync(
        DatasetSource source, ModelPackage candidate, MLContext ml, IReadOnlyList<LabelledTrack> test, RetrainReport report, CancellationToken cancellationToken)
    {
        try
        {
            var probabilities = await Task.Run(() => ModelScorer.CalibratedProbabilities(ml, candidate, test.Select(t => ModelInput.From(t.Track))), cancellationToken);
            var input = new ModelSectionInput(candidate.Card, [.. test.Select(t => t.Tier)], probabilities)
            {
                EvaluationNote = report.Outcome == RetrainOutcome.Promoted ? null : $"This candidate was not promoted: {report.Reason}",
            };
            report.ModelSection = await stores.Reports.WriteModelSectionAsync(source.Name, report.RunId, input, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report.Notes.Add($"The model section was not written: {ex.Message}");
            Log.SectionNotWritten(logger, source.Name, ex);
        }
    }

    private async Task<bool> AlreadyTrainedAsync(string sha256, RetrainReport report, CancellationToken cancellationToken)
    {
        var marker = await stores.Datasets.FindAsync(sha256, cancellationToken);
        if (marker is null || marker.Outcome == RetrainOutcome.Conflict)
        {
            return false;
        }

        if (marker.Outcome == RetrainOutcome.Promoted && await NeverWentLiveAsync(marker, cancellationToken))
        {
            var note = $"An earlier run on this content (version {marker.Version}) stopped after writing its records but before moving {ModelPointer.FileName}; it is trained again.";
            if (!report.Notes.Contains(note))
            {
                report.Notes.Add(note); // checked again once the lock is held
            }

            return false;
        }

        report.Outcome = RetrainOutcome.AlreadyTrained;
        report.AlreadyTrainedAs = marker.Version;
        var decided = marker.Outcome == RetrainOutcome.Promoted ? "promoted" : "not promoted (kept the live model)";
        report.Reason = Invariant(
            $"Already trained as version {marker.Version} (from '{marker.DatasetName}' at {marker.TrainedAt:u}, {decided}; report {marker.Report}): the same content is not trained again.");
        Log.AlreadyTrained(logger, report.Dataset, marker.Version);
        return true;
    }

    /// <summary>
    /// A promotion's records are written before the pointer moves: when the pointer still names the version that
    /// promotion would have replaced, the run stopped in between and the version never went live.
    /// </summary>
    private async Task<bool> NeverWentLiveAsync(TrainedDataset marker, CancellationToken cancellationToken)
    {
        string? live;
        try
        {
            live = (await stores.Models.GetCurrentAsync(cancellationToken))?.Version;
        }
        catch (InvalidDataException)
        {
            return true; // an unreadable pointer names no version: this one is not live, so training again repairs the pointer
        }

        return live != marker.Version && live == marker.ReplacedVersion;
    }


    private void Reject(RetrainReport report, string reason)
    {
        report.Outcome = RetrainOutcome.Rejected;
        report.Reason = $"Rejected: {reason} The live model is unchanged.";
        Log.Rejected(logger, report.Dataset, reason);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Retraining on {Dataset} started (run {RunId})", EventName = "RetrainStarted")]
        public static partial void Started(ILogger logger, string dataset, string runId);

        [LoggerMessage(2, LogLevel.Information, "Retraining on {Dataset} ended {Outcome}: {Reason} Report {Report}", EventName = "RetrainFinished")]
        public static partial void Finished(ILogger logger, string dataset, RetrainOutcome outcome, string reason, string report);

        [LoggerMessage(3, LogLevel.Warning, "Dataset {Dataset} rejected: {Reason}", EventName = "DatasetRejected")]
        public static partial void Rejected(ILogger logger, string dataset, string reason);

        [LoggerMessage(4, LogLevel.Information, "Dataset {Dataset} was already trained as {ModelVersion}; skipped", EventName = "DatasetAlreadyTrained")]
        public static partial void AlreadyTrained(ILogger logger, string dataset, string modelVersion);

        [LoggerMessage(5, LogLevel.Information, "Waiting for the retraining lock for {Dataset}", EventName = "RetrainWaitingForLock")]
        public static partial void WaitingForLock(ILogger logger, string dataset);

        [LoggerMessage(6, LogLevel.Information, "Model {ModelVersion} promoted, was {PreviousVersion}", EventName = "ModelPromoted")]
        public static partial void Promoted(ILogger logger, string modelVersion, string previousVersion);

        [LoggerMessage(7, LogLevel.Information, "Kept live model {ModelVersion}; candidate {CandidateVersion} not promoted: {Reason}", EventName = "CandidateNotPromoted")]
        public static partial void KeptLive(ILogger logger, string modelVersion, string candidateVersion, string reason);

        [LoggerMessage(8, LogLevel.Warning, "Candidate {ModelVersion} not promoted: the pointer moved meanwhile", EventName = "PromotionConflict")]
        public static partial void Conflict(ILogger logger, string modelVersion);

        [LoggerMessage(9, LogLevel.Error, "Retraining on {Dataset} failed during {Step}; the live model keeps serving", EventName = "RetrainFailed")]
        public static partial void Failed(ILogger logger, string dataset, string step, Exception exception);

        [LoggerMessage(10, LogLevel.Error, "The report of the failed run on {Dataset} could not be written", EventName = "RetrainReportNotWritten")]
        public static partial void ReportNotWritten(ILogger logger, string dataset, Exception exception);

        [LoggerMessage(11, LogLevel.Warning, "The model section of the run on {Dataset} could not be written", EventName = "ModelSectionNotWritten")]
        public static partial void SectionNotWritten(ILogger logger, string dataset, Exception exception);

        [LoggerMessage(12, LogLevel.Information, "Compared with the live model by {Method} on {Rows} of {HeldOutRows} held-out tracks", EventName = "RetrainCompared")]
        public static partial void Compared(ILogger logger, ComparisonMethod method, int rows, int heldOutRows);

        [LoggerMessage(13, LogLevel.Information, "Compared with the live model {ModelVersion} as the serving pool holds it (not loaded again)", EventName = "LiveModelFromPool")]
        public static partial void LiveModelFromPool(ILogger logger, string modelVersion);
    }
}
