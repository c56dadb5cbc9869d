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

    /// <summary>
    /// Scores validated tracks, results in input order, on this thread (<see cref="TierPredictor"/>): complete tracks
    /// go through the main forest together, a block at a time. Sharing a batch over several engines gained nothing
    /// on two cores (#13, #14), so a batch uses the lease's engine only.
    /// </summary>
    public TierPrediction[] PredictBatch(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken = default) =>
        TierPredictor.Predict(Engine, Generation.Family, inputs, cancellationToken);

    /// <summary>Returns the engine to its generation the first time; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            Generation.ReturnEngine(_engine);
        }
    }
}
