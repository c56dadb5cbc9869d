using HitPredictor.Training.Features;
using Microsoft.ML;

namespace HitPredictor.Training.Packaging;

/// <summary>
/// A trained model and its card, as one unit: saved as <c>model.zip</c> (the whole ML.NET pipeline) and
/// <c>card.json</c> in a folder, or streamed to and from any store.
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFileName = "model.zip";
    public const string CardFileName = "card.json";

    public ModelPackage(ITransformer model, DataViewSchema inputSchema, ModelCard card)
    {
        Model = model;
        InputSchema = inputSchema;
        Card = card;
    }

    public ITransformer Model { get; }
    public DataViewSchema InputSchema { get; }
    public ModelCard Card { get; }

    public void Save(MLContext ml, string directory)
    {
        ArgumentNullException.ThrowIfNull(ml);
        Directory.CreateDirectory(directory);
        using (var stream = File.Create(Path.Combine(directory, ModelFileName)))
        {
            SaveModel(ml, stream);
        }

        File.WriteAllText(Path.Combine(directory, CardFileName), ModelCardJson.Serialize(Card));
    }

    public void SaveModel(MLContext ml, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ml.Model.Save(Model, InputSchema, stream);
    }

    /// <summary>Loads a package from a folder holding model.zip and card.json.</summary>
    public static ModelPackage Load(MLContext ml, string directory)
    {
        var modelPath = Path.Combine(directory, ModelFileName);
        var cardPath = Path.Combine(directory, CardFileName);
        if (!File.Exists(modelPath) || !File.Exists(cardPath))
        {
            throw new FileNotFoundException(
                $"'{directory}' is not a model folder: it needs {ModelFileName} and {CardFileName} (train one with `hitpredictor train`).");
        }

        using var model = File.OpenRead(modelPath);
        return Load(ml, model, File.ReadAllText(cardPath));
    }

    /// <summary>Loads a package from a model.zip stream and card.json text.</summary>
    public static ModelPackage Load(MLContext ml, Stream model, string cardJson)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var card = ModelCardJson.Deserialize(cardJson);
        var transformer = ml.Model.Load(model, out var schema);
        return new ModelPackage(transformer, schema, card);
    }

    /// <summary>A prediction engine for single tracks. Not thread-safe: one per thread, or pooled.</summary>
    public PredictionEngine<ModelInput, ModelOutput> CreateEngine(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(Model, InputSchema);
    }
}
