using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// An engine rented from one generation, with that generation's card. Dispose it (a <c>using</c>): the engine goes
/// back to the pool of the generation it came from, even if a newer model went live meanwhile. Disposing again does
/// nothing, so an engine is returned once however often the lease is disposed; after that the lease has no engine.
/// Not thread-safe for scoring: one lease, one thread at a time.
/// </summary>
public sealed class EngineLease : IDisposable
{
    /// <summary>Batches smaller than this are scored on the lease's own engine, one track after another.</summary>
    public const int ParallelThreshold = 64;

    /// <summary>Tracks a worker takes at a time from a parallel batch: small enough to balance genre-averaged tracks.</summary>
    private const int ChunkSize = 16;

    private readonly PredictionEngine<ModelInput, ModelOutput> _engine;
    private int _returned;

    internal EngineLease(ModelGeneration generation, PredictionEngine<ModelInput, ModelOutput> engine)
    {
        Generation = generation;
        _engine = engine;
    }

    public ModelGeneration Generation { get; }

    /// <summary>The rented engine.</summary>
    /// <exception cref="ObjectDisposedException">The lease is disposed: its engine is back in the pool.</exception>
    public PredictionEngine<ModelInput, ModelOutput> Engine
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _returned) != 0, this);
            return _engine;
        }
    }

    public ModelCard Card => Generation.Card;

    /// <summary>Scores one validated track through the generation's model family (<see cref="TierPredictor"/>).</summary>
    public TierPrediction Predict(ModelInput input) => TierPredictor.Predict(Engine, Generation.Family, input);

    /// <summary>Scores validated tracks in input order, on all processors from <see cref="ParallelThreshold"/> tracks up.</summary>
    public TierPrediction[] PredictBatch(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken = default) =>
        PredictBatch(inputs, Environment.ProcessorCount, cancellationToken);

    /// <summary>
    /// Scores validated tracks, results in input order. From <see cref="ParallelThreshold"/> tracks up the batch is
    /// shared by up to <paramref name="maxDegreeOfParallelism"/> workers, each with its own engine rented from this
    /// lease's generation: however many engines, a batch is scored by one model, even if another goes live meanwhile.
    /// </summary>
    public TierPrediction[] PredictBatch(IReadOnlyList<ModelInput> inputs, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var results = new TierPrediction[inputs.Count];
        var workers = inputs.Count < ParallelThreshold ? 1 : Math.Min(maxDegreeOfParallelism, inputs.Count / ChunkSize);
        if (workers <= 1)
        {
            ScoreRange(Engine, Generation, inputs, results, 0, inputs.Count, cancellationToken);
            return results;
        }

        var generation = Generation;
        var own = Engine;
        var nextChunk = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, worker =>
        {
            using var extra = worker == 0 ? null : generation.LeaseAnother();
            var engine = extra?.Engine ?? own;
            int start;
            while ((start = Interlocked.Increment(ref nextChunk) * ChunkSize) < inputs.Count)
            {
                ScoreRange(engine, generation, inputs, results, start, Math.Min(start + ChunkSize, inputs.Count), cancellationToken);
            }
        });
        return results;
    }

    /// <summary>Returns the engine to its generation the first time; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            Generation.ReturnEngine(_engine);
        }
    }

    private static void ScoreRange(
        PredictionEngine<ModelInput, ModelOutput> engine, ModelGeneration generation, IReadOnlyList<ModelInput> inputs, TierPrediction[] results,
        int start, int end, CancellationToken cancellationToken)
    {
        for (var i = start; i < end; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = TierPredictor.Predict(engine, generation.Family, inputs[i]);
        }
    }
}
