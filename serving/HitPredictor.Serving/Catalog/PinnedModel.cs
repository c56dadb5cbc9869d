using System.Collections.Concurrent;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using Microsoft.ML;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// A model version a run is pinned to, with the prediction engines its chunks were scored with: an engine (not safe to share
/// while in use) is rented for a chunk and returned after, so chunk after chunk reuses the few the scoring slots need
/// instead of building one per chunk.
/// </summary>
public sealed class PinnedModel(ModelPackage package)
{
    private readonly ConcurrentBag<PredictionEngine<ModelInput, ModelOutput>> _idle = [];

    public ModelPackage Package => package;

    /// <summary>Runs <paramref name="score"/> with an engine of the package no one else is using.</summary>
    public async Task<T> WithEngineAsync<T>(Func<PredictionEngine<ModelInput, ModelOutput>, Task<T>> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var engine = _idle.TryTake(out var idle) ? idle : package.CreateEngine(new MLContext(seed: 0));
        try
        {
            return await score(engine).ConfigureAwait(false);
        }
        finally
        {
            _idle.Add(engine);
        }
    }
}
