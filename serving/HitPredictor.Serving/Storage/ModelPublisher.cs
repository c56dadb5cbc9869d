using System.Text.Json;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Storage;

/// <summary>What a publish did.</summary>
public sealed record PublishOutcome(string Version, bool Uploaded, string? PreviousVersion, ModelPointer Current)
{
    /// <summary>Why the pointer that was replaced could not be read, when it could not; <see langword="null"/> otherwise.</summary>
    public string? ReplacedUnreadablePointer { get; init; }
}

/// <summary>
/// Puts a model package into a store and makes it current through <see cref="ModelPromoter"/>: validates it as the
/// service would (so a model that would fail to load never goes live), uploads <c>model.zip</c> and <c>card.json</c>
/// under its version (once; versions are immutable), then moves <c>current.json</c> with an ETag condition. An unreadable <c>current.json</c>
/// (not JSON, no valid version) is replaced, on its ETag too, and the outcome says so.
/// </summary>
public static class ModelPublisher
{
    public static async Task<PublishOutcome> PublishAsync(IModelStore store, string modelDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var modelPath = Path.Combine(modelDirectory, ModelPackage.ModelFileName);
        var cardPath = Path.Combine(modelDirectory, ModelPackage.CardFileName);
        if (!File.Exists(modelPath) || !File.Exists(cardPath))
        {
            throw new FileNotFoundException(
                $"'{modelDirectory}' is not a model folder: it needs {ModelPackage.ModelFileName} and {ModelPackage.CardFileName} (train one with `hitpredictor train`).");
        }

        var modelZip = await File.ReadAllBytesAsync(modelPath, cancellationToken);
        var cardJson = await File.ReadAllTextAsync(cardPath, cancellationToken);
        return await PublishAsync(store, modelZip, cardJson, cancellationToken);
    }

    public static async Task<PublishOutcome> PublishAsync(IModelStore store, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        string version;
        try
        {
            version = ModelCardJson.Deserialize(cardJson).Version;
        }
        catch (JsonException ex)
        {
            throw new ModelValidationException($"{ModelPackage.CardFileName} is not a readable model card: {ex.Message}");
        }

        var uploaded = await ModelPromoter.StoreVersionAsync(store, version, modelZip, cardJson, cancellationToken);
        var (current, expectedETag, replacedUnreadable) = await ModelPromoter.ReadPointerAsync(store, cancellationToken);
        var pointer = current?.Version == version
            ? current
            : await ModelPromoter.MovePointerAsync(store, version, expectedETag, recordFirst: null, cancellationToken);
        return new PublishOutcome(version, uploaded, current?.Version, pointer) { ReplacedUnreadablePointer = replacedUnreadable };
    }
}
