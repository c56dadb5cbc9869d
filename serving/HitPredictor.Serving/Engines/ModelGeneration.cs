using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// One loaded model version with its own pool of prediction engines. A generation counts its references: the
/// <see cref="EnginePool"/> holds one while it is current, and every lease holds one. When it is retired and its
/// last engine comes back, its engines and its model are disposed: a drained old generation is released.
/// </summary>
public sealed class ModelGeneration
{
    private readonly ModelPackage _package;
    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _engines;
    private readonly EnginePolicy _policy;
    private readonly Lazy<string> _cardJson;
    private readonly Lazy<(TrackExplainer? Explainer, string Reason)> _explainer;
    private int _references = 1;
    private int _rented;

    internal ModelGeneration(long number, ModelPackage package, string etag, DateTimeOffset loadedAt, int poolSize)
    {
        ArgumentNullException.ThrowIfNull(package);
        Number = number;
        _package = package;
        ETag = etag;
        LoadedAt = loadedAt;
        _policy = new EnginePolicy(package);
        _engines = new DefaultObjectPoolProvider { MaximumRetained = poolSize }.Create(_policy);
        _cardJson = new Lazy<string>(() => ModelCardJson.Serialize(package.Card), LazyThreadSafetyMode.ExecutionAndPublication);
        _explainer = new Lazy<(TrackExplainer?, string)>(
            () => TrackExplainer.TryCreate(package, out var explainer, out var reason) ? (explainer, "") : (null, reason),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>1 for the first model this process loaded, then 2, 3, ...</summary>
    public long Number { get; }

    public ModelCard Card => _package.Card;

    /// <summary>The loaded package, for in-process readers that hold a reference (<see cref="TryAcquire"/>) while they use it.</summary>
    internal ModelPackage Package => _package;

    /// <summary>The package's calibration: every answer of the main model goes through it.</summary>
    public MemberCalibration Calibration => _package.Calibration;

    /// <summary>The package's models for partial input (read when the package was validated); answers go through it.</summary>
    public ModelFamily Family => _package.Family;

    public string Version => _package.Card.Version;

    /// <summary>The pointer's ETag when this version was loaded.</summary>
    public string ETag { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The card as <see cref="ModelCardJson"/> writes it, made once.</summary>
    public string CardJson => _cardJson.Value;

    /// <summary>This model's explainer, built at the first explain request; false with the reason when it has none.</summary>
    public bool TryGetExplainer([NotNullWhen(true)] out TrackExplainer? explainer, out string reason)
    {
        (explainer, reason) = _explainer.Value;
        return explainer is not null;
    }

    /// <summary>Engines out on lease now.</summary>
    public int Rented => Volatile.Read(ref _rented);

    /// <summary>Engines this generation has created in all (a pool retains at most its size; extra ones are disposed on return).</summary>
    public int EnginesCreated => _policy.Created;

    /// <summary>True once retired and drained: its engines and model are disposed.</summary>
    public bool IsReleased => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the generation is already released.</summary>
    internal bool TryAcquire()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var was = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (was == seen)
            {
                return true;
            }

            seen = was;
        }

        return false;
    }

    /// <summary>Rents an engine; the caller holds a reference (<see cref="TryAcquire"/>).</summary>
    internal PredictionEngine<ModelInput, ModelOutput> RentEngine()
    {
        Interlocked.Increment(ref _rented);
        try
        {
            return _engines.Get();
        }
        catch
        {
            Interlocked.Decrement(ref _rented);
            throw;
        }
    }

    /// <summary>Gives an engine back to this generation's pool (never another's) and drops the lease's reference.</summary>
    internal void ReturnEngine(PredictionEngine<ModelInput, ModelOutput> engine)
    {
        _engines.Return(engine);
        Interlocked.Decrement(ref _rented);
        Release();
    }

    /// <summary>Drops a reference; the last one out disposes the engines and the model.</summary>
    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            (_engines as IDisposable)?.Dispose();
            (_package.Model as IDisposable)?.Dispose();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException($"Model generation {Number} ({Version}) was released more often than acquired.");
        }
    }

    public override string ToString() => $"generation {Number} ({Version})";

    private sealed class EnginePolicy(ModelPackage package) : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        private readonly MLContext _ml = new();
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public override PredictionEngine<ModelInput, ModelOutput> Create()
        {
            Interlocked.Increment(ref _created);
            return package.CreateEngine(_ml);
        }

        public override bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
    }
}
