using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using HitPredictor.Serving;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;

namespace HitPredictor.Benchmarks.Load;

/// <summary>
/// A bounded HTTP load run against a running <c>hitpredictor serve</c>: <see cref="LoadRunOptions.Concurrency"/> workers
/// POST single tracks (the sample's, whose genre the live model knows) to <c>/api/score</c> until the time or the request
/// budget is spent. Reports requests per second, latency percentiles and errors; exits 1 if any request failed.
/// </summary>
public static class LoadRun
{
    private const int ErrorsShown = 5;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        LoadRunOptions options;
        try
        {
            options = LoadRunOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            output.WriteLine(ex.Message);
            output.WriteLine(LoadRunOptions.Usage);
            return 2;
        }

        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = options.Concurrency };
        using var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        var bodies = Bodies(await KnownGenresAsync(client, cancellationToken));
        output.WriteLine(Invariant(
            $"Load run: POST {new Uri(options.Url, Routes.Score)}, {options.Concurrency} concurrent, {options.Seconds} s or {options.MaxRequests:N0} requests, {bodies.Count:N0} distinct tracks, {options.Warmup} warm-up requests"));

        var warmup = new Tally();
        await RunWorkersAsync(client, bodies, Math.Min(options.Concurrency, Math.Max(options.Warmup, 1)), options.Warmup, TimeSpan.FromSeconds(60), warmup, cancellationToken);
        var measured = new Tally();
        var clock = Stopwatch.StartNew();
        await RunWorkersAsync(client, bodies, options.Concurrency, options.MaxRequests, TimeSpan.FromSeconds(options.Seconds), measured, cancellationToken);
        var elapsed = clock.Elapsed.TotalSeconds;

        var latencies = measured.Latencies();
        output.WriteLine(Invariant($"requests: {latencies.Length:N0} in {elapsed:F1} s = {latencies.Length / elapsed:F0} requests/s"));
        if (latencies.Length > 0)
        {
            output.WriteLine(Invariant(
                $"latency ms: p50 {Percentile(latencies, 0.50):F2}  p90 {Percentile(latencies, 0.90):F2}  p99 {Percentile(latencies, 0.99):F2}  max {latencies[^1]:F2}"));
        }

        var errors = warmup.Errors + measured.Errors;
        output.WriteLine(Invariant($"non-2xx or failed: {errors} (warm-up {warmup.Errors}, measured {measured.Errors})"));
        foreach (var error in warmup.FirstErrors.Concat(measured.FirstErrors).Take(ErrorsShown))
        {
            output.WriteLine("  " + error);
        }

        return errors == 0 && latencies.Length > 0 ? 0 : 1;
    }

    private static async Task RunWorkersAsync(
        HttpClient client, IReadOnlyList<byte[]> bodies, int workers, int budget, TimeSpan duration, Tally tally, CancellationToken cancellationToken)
    {
        if (budget == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(duration);
        var issued = 0;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int n;
            while (!timeout.IsCancellationRequested && (n = Interlocked.Increment(ref issued)) <= budget)
            {
                await SendAsync(client, bodies[n % bodies.Count], tally, cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(tasks);
    }

    /// <summary>Sends one track; a request is bounded by the client's timeout, not cut off by the run's end.</summary>
    private static async Task SendAsync(HttpClient client, byte[] body, Tally tally, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(Routes.Score, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode && text.Contains("\"tier\"", StringComparison.Ordinal))
            {
                tally.Succeeded(elapsed);
            }
            else
            {
                tally.Failed(Invariant($"{(int)response.StatusCode} {response.ReasonPhrase}: {text[..Math.Min(text.Length, 300)]}"));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            tally.Failed(ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>The live model's genres, from <c>GET /api/model</c>: also checks the service is up before loading it.</summary>
    private static async Task<HashSet<string>> KnownGenresAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(Routes.Model, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var card = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return card.RootElement.GetProperty("genres").EnumerateArray().Select(g => g.GetString() ?? "").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One JSON body per sample track whose genre the model knows, with the API's field names.</summary>
    private static List<byte[]> Bodies(HashSet<string> genres)
    {
        var numeric = FeatureSet.Default.Numeric;
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForScoring(numeric.Select(f => f.Name))).Read(RepoPaths.Sample);
        var bodies = new List<byte[]>();
        foreach (var track in read.Tracks.Where(t => genres.Contains(t.Genre) && numeric.All(f => float.IsFinite(f.ValueOf(t)))))
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (var feature in numeric)
                {
                    json.WriteNumber(feature.Name, feature.ValueOf(track));
                }

                json.WriteString(TrackJson.GenreField, track.Genre);
                json.WriteEndObject();
            }

            bodies.Add(buffer.ToArray());
        }

        return bodies.Count > 0 ? bodies : throw new InvalidOperationException("No sample track has a genre the live model knows.");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Latencies and errors, added to from many workers.</summary>
    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private readonly List<double> _latencies = [];
        private readonly List<string> _firstErrors = [];
        private int _errors;

        public int Errors => Volatile.Read(ref _errors);

        public IReadOnlyList<string> FirstErrors
        {
            get
            {
                lock (_gate)
                {
                    return [.. _firstErrors];
                }
            }
        }

        public void Succeeded(double milliseconds)
        {
            lock (_gate)
            {
                _latencies.Add(milliseconds);
            }
        }

        public void Failed(string error)
        {
            Interlocked.Increment(ref _errors);
            lock (_gate)
            {
                if (_firstErrors.Count < ErrorsShown)
                {
                    _firstErrors.Add(error);
                }
            }
        }

        /// <summary>The successful requests' latencies in milliseconds, sorted.</summary>
        public double[] Latencies()
        {
            lock (_gate)
            {
                var sorted = _latencies.ToArray();
                Array.Sort(sorted);
                return sorted;
            }
        }
    }
}
