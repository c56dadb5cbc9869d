using System.Text.Json;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// The versions a store holds, newest first, each with its headline figures and whether it is the live one: what
/// <c>hitpredictor models list</c> prints and <c>GET /api/models</c> answers. Reads the pointer and each card, never
/// a model.
/// </summary>
public static class ModelVersions
{
    public static async Task<ModelVersionList> ListAsync(IModelStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? live;
        try
        {
            live = (await store.GetCurrentAsync(cancellationToken))?.Version;
        }
        catch (InvalidDataException)
        {
            live = null; // an unreadable pointer names no live version; the versions are still there
        }

        var summaries = new List<ModelVersionSummary>();
        await foreach (var stored in store.ListVersionsAsync(cancellationToken))
        {
            summaries.Add(await SummarizeAsync(store, stored, stored.Version == live, cancellationToken));
        }

        return new ModelVersionList(live, summaries.Count,
            [.. summaries.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Version, StringComparer.Ordinal)]);
    }

    private static async Task<ModelVersionSummary> SummarizeAsync(IModelStore store, StoredVersion stored, bool live, CancellationToken cancellationToken)
    {
        try
        {
            var card = ModelCardJson.Deserialize(await store.ReadCardAsync(stored.Version, cancellationToken));
            return new ModelVersionSummary(stored.Version, live, stored.StoredAt, card.CreatedAt, card.Dataset.Name,
                card.Metrics.Accuracy, card.Metrics.MacroF1, card.Metrics.LogLoss, Problem: null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ModelNotFoundException)
        {
            return new ModelVersionSummary(stored.Version, live, stored.StoredAt, null, null, null, null, null, "card.json is not a readable model card");
        }
    }
}

/// <summary>Every version in a store, newest first, and which one is live (null when none is).</summary>
public sealed record ModelVersionList(string? Live, int Count, IReadOnlyList<ModelVersionSummary> Versions);

/// <summary>One stored version: when it was published and trained, on what, how well it did on its held-out tracks.</summary>
public sealed record ModelVersionSummary(
    string Version,
    bool Live,
    DateTimeOffset PublishedAt,
    DateTimeOffset? TrainedAt,
    string? Dataset,
    double? Accuracy,
    double? MacroF1,
    double? LogLoss,
    string? Problem);
