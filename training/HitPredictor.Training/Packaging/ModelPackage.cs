using HitPredictor.Training.Calibration;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HitPredictor.Training.Packaging;

/// <summary>
/// A trained model and its card, as one unit: saved as <c>model.zip</c> (the whole ML.NET pipeline) and
/// <c>card.json</c> in a folder, or streamed to and from any store.
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFileName = "model.zip";
    public const string CardFileName = "card.json";

    private readonly Lazy<ModelFamily> _family;

    public ModelPackage(ITransformer model, DataViewSchema inputSchema, ModelCard card, PackageParts? parts = null)
    {
        Model = model;
        InputSchema = inputSchema;
        Card = card;
        Parts = parts ?? PackageParts.Empty;
        Calibration = MemberCalibration.From(Parts);
        TrainingKeys = Parts.TryGet(TrainingKeys.PartName, out var keys) ? TrainingKeys.Read(keys) : null;
        _family = new Lazy<ModelFamily>(() => ModelFamily.Load(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ITransformer Model { get; }
    public DataViewSchema InputSchema { get; }
    public ModelCard Card { get; }

    /// <summary>Named extras saved inside model.zip beside the ML.NET pipeline (see <see cref="PackageParts"/>).</summary>
    public PackageParts Parts { get; }

    /// <summary>The calibration in <see cref="Parts"/> (<see cref="MemberCalibration.PartName"/>), or <see cref="MemberCalibration.Uncalibrated"/>.</summary>
    public MemberCalibration Calibration { get; }

    /// <summary>The tracks the model trained on (<see cref="TrainingKeys.PartName"/>); null for a package saved before the part existed.</summary>
    public TrainingKeys? TrainingKeys { get; }

    /// <summary>
    /// The models for partial input stored in <see cref="Parts"/> (<see cref="ModelFamily"/>), read at first use; for a
    /// package without them, the main model alone.
    /// </summary>
    public ModelFamily Family => _family.Value;

    /// <summary>The same model and every part, under another card (e.g. a retraining run's version).</summary>
    public ModelPackage WithCard(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new ModelPackage(Model, InputSchema, card, Parts);
    }

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

    /// <summary>Writes model.zip: the ML.NET pipeline, then the package's <see cref="Parts"/>.</summary>
    public void SaveModel(MLContext ml, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        ml.Model.Save(Model, InputSchema, buffer);
        Parts.WriteTo(buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
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
        ArgumentNullException.ThrowIfNull(model);
        var card = ModelCardJson.Deserialize(cardJson);
        using var buffer = new MemoryStream();
        model.CopyTo(buffer);
        var parts = PackageParts.ReadFrom(buffer);
        var transformer = ml.Model.Load(buffer, out var schema);
        return new ModelPackage(transformer, schema, card, parts);
    }

    /// <summary>
    /// A prediction engine for single tracks. Not thread-safe: one per thread, or pooled. The engine does not own the
    /// model: disposing it (a pool drops an engine it does not retain) leaves the model to the other engines.
    /// </summary>
    public PredictionEngine<ModelInput, ModelOutput> CreateEngine(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(Model, new PredictionEngineOptions
        {
            IgnoreMissingColumns = false,
            InputSchemaDefinition = SchemaDefinition.Create(typeof(ModelInput)),
            OwnsTransformer = false,
        });
    }
}
