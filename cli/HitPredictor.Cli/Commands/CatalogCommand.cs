using System.CommandLine;
using System.Globalization;
using HitPredictor.Serving.Catalog;
using HitPredictor.Serving.Retraining;
using Spectre.Console;

namespace HitPredictor.Cli.Commands;

/// <summary>
/// <c>hitpredictor catalog --store &lt;folder or connection&gt; --in FILE [--out FILE] [--workers N]</c>: the Functions app's
/// catalog pipeline in one process, on the same services (split, queue, N workers, merge, report), against a folder
/// store (a folder-backed queue) or a storage account (Azurite). A run killed midway is resumed by running the command
/// again: chunks already scored are kept, the others are queued again. Exit 0 when every chunk was scored, 2 when the
/// upload cannot be scored (the report says why), 1 otherwise.
/// </summary>
internal static class CatalogCommand
{
    private const int RowsListed = 20;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(20);

    public static Command Create()
    {
        var store = StoreOption.Create(required: true);
        var input = new Option<FileInfo>("--in") { Description = "Tracks CSV to score (dataset column names; popularity not needed).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Also write the scored CSV here (it is always in the store's scored/)." };
        var chunkRows = new Option<int?>("--chunk-rows") { Description = "Rows per chunk (Catalog:ChunkRows; default 10,000)." };
        var workers = new Option<int>("--workers") { Description = "Workers taking chunks off the queue (1 to 64); at most Catalog:MaxConcurrentScoring (the processor count) score at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        workers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--workers must be 1 to 64, got {result.GetValueOrDefault<int>()}."));
            }
        });
        var command = new Command("catalog",
            "Score a whole catalog as the Functions app does: split into chunks, queue, score with N workers on one pinned model version, merge in input order, report.")
        {
            store, input, output, workers, chunkRows,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new UsageException($"--in: {source.FullName} does not exist.");
            }

            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(chunkRows) is { } rows)
            {
                settings[$"{CatalogOptions.SectionName}:{nameof(CatalogOptions.ChunkRows)}"] = rows.ToString(CultureInfo.InvariantCulture);
            }

            using var host = CliHost.Create(parse.GetValue(store)!, StoreOption.DefaultContainer, settings);
            var report = await RunAsync(host, source.FullName, parse.GetValue(workers), cancellationToken);
            await ShowAsync(host, report, parse.GetValue(output), cancellationToken);
        }));
        return command;
    }

    private static async Task<CatalogReport> RunAsync(CliHost services, string path, int workerCount, CancellationToken cancellationToken)
    {
        var catalog = services.Get<CatalogService>();
        var queue = services.Get<IChunkQueueClient>();
        var worker = services.Get<ChunkWorker>();
        await queue.RecoverAsync(cancellationToken);

        var scored = 0;
        var starting = StartAsync(catalog, path, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var working = Enumerable.Range(0, workerCount).Select(_ => WorkAsync(catalog, queue, worker, starting, () => Interlocked.Increment(ref scored), stop.Token)).ToArray();
        try
        {
            await ProgressAsync(starting, working, () => Volatile.Read(ref scored));
        }
        finally
        {
            await stop.CancelAsync();
        }

        var start = await starting;
        return start.Report ?? await catalog.MergeAsync(start.Run!, cancellationToken);
    }

    /// <summary>Starts the run (or answers at once); a resumed run's unfinished chunks are queued again.</summary>
    private static async Task<CatalogStart> StartAsync(CatalogService catalog, string path, CancellationToken cancellationToken)
    {
        var start = await catalog.StartAsync(DatasetSource.FromFile(path), cancellationToken);
        if (start is { Resumed: true, Run: { } run })
        {
            await catalog.RequeueAsync(run, await catalog.PendingAsync(run, cancellationToken), cancellationToken);
        }

        return start;
    }

    /// <summary>One worker: takes chunks off the queue until the run is split and every chunk is done.</summary>
    private static async Task WorkAsync(
        CatalogService catalog, IChunkQueueClient queue, ChunkWorker worker, Task<CatalogStart> starting, Action scored, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delivery = await queue.ReceiveAsync(cancellationToken);
            if (delivery is null)
            {
                if (starting.IsCompleted && (starting.IsFaulted || await IsOverAsync(catalog, await starting, cancellationToken)))
                {
                    return;
                }

                await Task.Delay(IdlePoll, cancellationToken);
                continue;
            }

            ChunkOutcome outcome;
            try
            {
                outcome = await worker.ProcessAsync(delivery.Message, delivery.DequeueCount, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await queue.ReleaseAsync(delivery, cancellationToken);
                continue;
            }

            await queue.CompleteAsync(delivery, cancellationToken);
            if (outcome is ChunkOutcome.Scored or ChunkOutcome.Failed)
            {
                scored();
            }
        }
    }

    private static async Task<bool> IsOverAsync(CatalogService catalog, CatalogStart start, CancellationToken cancellationToken) =>
        start.Run is not { } run || (await catalog.PendingAsync(run, cancellationToken)).Count == 0;

    /// <summary>A progress bar of chunks done on a terminal (its total known once the upload is split); nothing otherwise.</summary>
    private static async Task ProgressAsync(Task<CatalogStart> starting, Task[] working, Func<int> scored)
    {
        var all = Task.WhenAll(working);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            await all;
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("chunks scored", maxValue: 1);
                bar.IsIndeterminate = true;
                while (!all.IsCompleted)
                {
                    if (starting.IsCompletedSuccessfully && starting.Result.Run is { Chunks: { } chunks })
                    {
                        bar.IsIndeterminate = false;
                        bar.MaxValue = chunks.Count;
                    }

                    bar.Value = Math.Min(scored(), bar.MaxValue);
                    await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(200)));
                }

                bar.Value = bar.MaxValue;
                await all;
            });
    }

    private static async Task ShowAsync(CliHost services, CatalogReport report, FileInfo? output, CancellationToken cancellationToken)
    {
        var files = services.Get<ICatalogFiles>();
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        foreach (var row in report.RejectedRows.Take(RowsListed))
        {
            errors.MarkupLineInterpolated($"[yellow]not scored[/] {row}");
        }

        foreach (var chunk in report.FailedChunks)
        {
            errors.MarkupLineInterpolated($"[red]chunk {chunk.Index} failed[/] (lines from {chunk.FirstLine}, {chunk.Rows:N0} rows, {chunk.Attempts} attempts): {chunk.Reason}");
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Outcome}[/]: {report.Reason}");
        if (report.RunId is not null && report.Outcome is CatalogOutcome.Scored or CatalogOutcome.Partial or CatalogOutcome.AlreadyScored)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"model {report.ModelVersion}; {report.Rows:N0} rows in {report.Chunks} chunks, {report.Retries} retries; {report.Seconds:0.0} s, {report.RowsPerSecond:N0} rows/s (merge {report.MergeSeconds:0.00} s)");
        }

        AnsiConsole.MarkupLineInterpolated($"Report: [green]{files.Description}/{CatalogNames.Scored}/{CatalogNames.ReportOf(report.Name)}[/]");
        if (report.Output is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"Scored CSV: [green]{files.Description}/{report.Output}[/]");
            if (output is not null)
            {
                await using var scored = await files.OpenReadAsync(CatalogNames.Scored, report.Name, cancellationToken);
                await using var target = output.Create();
                await scored.CopyToAsync(target, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Wrote [green]{output.FullName}[/]");
            }
        }

        switch (report.Outcome)
        {
            case CatalogOutcome.Rejected:
                throw new UsageException(report.Reason);
            case CatalogOutcome.Partial or CatalogOutcome.InProgress:
                throw new InvalidOperationException(report.Reason);
        }
    }
}
