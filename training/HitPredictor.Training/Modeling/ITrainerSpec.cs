using Microsoft.ML;

namespace HitPredictor.Training.Modeling;

/// <summary>A multiclass trainer with its settings, as the model card records it.</summary>
public interface ITrainerSpec
{
    /// <summary>A short name for tables and the card, such as <c>FastForest</c>.</summary>
    string Name { get; }

    /// <summary>The settings that shape the model, for the card.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    IEstimator<ITransformer> CreateEstimator(MLContext ml, string featuresColumn);
}
