using System.Text.Json;
using HitPredictor.Serving.Engines;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Storage;

/// <summary>What a publish did.</summary>
public sealed record PublishOutcome(string Version, bool Uploaded, string? PreviousVersion, ModelPointer Current);

/// <summary>
/// Puts a model package into a store and makes it current: validates it as the service would (so a model that
/// would fail to load never goes live), uploads <c>model.zip</c> and <c>card.json</c> under its version (once;
/// versions are immutable), then moves <c>current.json</c> with an ETag condition.
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

        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ModelValidationException($"card.json names version '{version}', which is not a valid store path segment.");
        }

        var package = ModelLoader.Load(new StoredModel(version, modelZip, cardJson));
        (package.Model as IDisposable)?.Dispose();

        var uploaded = await store.PutAsync(version, modelZip, cardJson, cancellationToken);
        var current = await store.GetCurrentAsync(cancellationToken);
        var pointer = current?.Version == version
            ? current
            : await store.SetCurrentAsync(version, current?.ETag, cancellationToken);
        return new PublishOutcome(version, uploaded, current?.Version, pointer);
    }
}
