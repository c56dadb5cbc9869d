using System.Text;
using BenchmarkDotNet.Attributes;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace HitPredictor.Benchmarks;

/// <summary>
/// Where the server's part of a one-track <c>POST /api/score</c> goes, stage by stage, outside Kestrel: reading and
/// parsing the body, validating the track against the card, renting and returning an engine, predicting (forest and
/// calibration), building the answer and writing it, and the whole handler with its response. What a request costs
/// beyond <see cref="WholeRequest"/> is Kestrel and the client (docs/benchmarks.md).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RequestPathBenchmarks
{
    private EnginePool _pool = null!;
    private ModelRefresher _refresher = null!;
    private ExpensiveRequestGate _gate = null!;
    private ScoreHandler _handler = null!;
    private ServingOptions _options = null!;
    private byte[] _body = [];
    private ScoreRequest _parsed = null!;
    private ModelInput _input = null!;
    private TierPrediction _prediction = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pool = new EnginePool(Environment.ProcessorCount * 2);
        var generation = _pool.Swap(BenchmarkModel.Load(), "\"bench\"");
        _options = new ServingOptions();
        var settings = Microsoft.Extensions.Options.Options.Create(_options);
        _refresher = new ModelRefresher(ModelStoreFactory.ForFolder(Path.Combine(Path.GetTempPath(), "hitpredictor-bench-unused")), _pool);
        _gate = new ExpensiveRequestGate(settings);
        _handler = new ScoreHandler(_pool, _refresher, _gate, settings, NullLogger<ScoreHandler>.Instance);
        var track = BenchmarkTracks.Records(generation.Card)[0];
        _body = Encoding.UTF8.GetBytes(Body(track));
        _parsed = ScoreRequest.ReadAsync(Request(), _options, CancellationToken.None).GetAwaiter().GetResult();
        _input = _parsed.Validate(generation.Family, [])![0];
        using var lease = _pool.Rent();
        _prediction = lease.Predict(_input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _parsed.Dispose();
        _refresher.Dispose();
        _gate.Dispose();
        _pool.Dispose();
    }

    [Benchmark]
    public async Task<bool> ReadAndParse()
    {
        using var request = await ScoreRequest.ReadAsync(Request(), _options, CancellationToken.None);
        return request.IsBatch;
    }

    [Benchmark]
    public IReadOnlyList<ModelInput>? Validate() => _parsed.Validate(_pool.Current!.Family, []);

    [Benchmark]
    public bool RentAndReturn()
    {
        var rented = _pool.TryRent(out var lease);
        lease!.Dispose();
        return rented;
    }

    [Benchmark]
    public TierPrediction[] PredictAndCalibrate()
    {
        using var lease = _pool.Rent();
        return lease.PredictBatch([_input]);
    }

    /// <summary>The same track on the rented prediction engine, as every request was scored before #14.</summary>
    [Benchmark]
    public CalibratedScore PredictAndCalibrateOnTheEngine()
    {
        using var lease = _pool.Rent();
        return lease.Generation.Family.Main.Calibration.Apply(lease.Engine.Predict(_input).Probabilities);
    }

    [Benchmark]
    public async Task<long> BuildAndWriteAnswer()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        await ServingResult.Json(TrackScore.From(_prediction)).ExecuteAsync(context);
        return context.Response.ContentLength ?? 0;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> WholeRequest()
    {
        var request = Request();
        var result = await _handler.HandleAsync(request, CancellationToken.None);
        request.HttpContext.Response.Body = Stream.Null;
        await result.ExecuteAsync(request.HttpContext);
        return request.HttpContext.Response.StatusCode;
    }

    private HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = _body.Length;
        context.Request.Body = new MemoryStream(_body, writable: false);
        return context.Request;
    }

    /// <summary>The track as the load run sends it: every numeric feature and the genre.</summary>
    private static string Body(TrackRecord track)
    {
        var fields = FeatureSet.Default.Numeric.Select(f => FormattableString.Invariant($"\"{f.Name}\":{f.ValueOf(track)}"));
        return "{" + string.Join(",", fields) + FormattableString.Invariant($",\"{TrackJson.GenreField}\":\"{track.Genre}\"") + "}";
    }
}
