using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using Microsoft.ML;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// An engine rented from one generation, with that generation's card. Dispose it exactly once (a
/// <c>using</c>): the engine goes back to the pool of the generation it came from, even if a newer model went
/// live meanwhile. Not thread-safe: one lease, one thread at a time.
/// </summary>
public readonly struct EngineLease : IDisposable
{
    internal EngineLease(ModelGeneration generation, PredictionEngine<ModelInput, ModelOutput> engine)
    {
        Generation = generation;
        Engine = engine;
    }

    public ModelGeneration Generation { get; }

    public PredictionEngine<ModelInput, ModelOutput> Engine { get; }

    public ModelCard Card => Generation.Card;

    /// <summary>Scores one validated track (a track without genre is averaged over the genres).</summary>
    public TierPrediction Predict(ModelInput input) => TierPredictor.Predict(Engine, Generation.Card, input);

    public void Dispose() => Generation?.ReturnEngine(Engine);
}
