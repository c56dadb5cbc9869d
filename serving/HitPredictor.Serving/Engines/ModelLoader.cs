using System.Text.Json;
using HitPredictor.Serving.Storage;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Prediction;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HitPredictor.Serving.Engines;

/// <summary>
/// Turns a stored version into a package fit to go live, or says every reason it is not: the card must read
/// and name the version it is stored as, the model must load, its input schema must have every column the card
/// lists with the right type, and a smoke prediction (one genre, and averaged over genres) must give four
/// finite probabilities that sum to one.
/// </summary>
public static class ModelLoader
{
    public static ModelPackage Load(StoredModel stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ModelCard card;
        try
        {
            card = ModelCardJson.Deserialize(stored.CardJson);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new ModelValidationException($"card.json of '{stored.Version}' is not a model card: {ex.Message}", ex);
        }

        var ml = new MLContext(seed: 0);
        ModelPackage package;
        try
        {
            using var stream = new MemoryStream(stored.ModelZip.ToArray(), writable: false);
            var parts = PackageParts.ReadFrom(stream);
            var model = ml.Model.Load(stream, out var schema);
            package = new ModelPackage(model, schema, card, parts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ModelValidationException($"model.zip of '{stored.Version}' is not an ML.NET model: {ex.Message}", ex);
        }

        var problems = Validate(package, stored.Version);
        if (problems.Count > 0)
        {
            (package.Model as IDisposable)?.Dispose();
            throw new ModelValidationException(problems);
        }

        return package;
    }

    /// <summary>Every reason the package must not serve as <paramref name="version"/>; empty when it may.</summary>
    public static IReadOnlyList<string> Validate(ModelPackage package, string version)
    {
        ArgumentNullException.ThrowIfNull(package);
        var problems = new List<string>();
        var card = package.Card;
        if (card.Version != version)
        {
            problems.Add($"card.json names version '{card.Version}' but is stored as '{version}'");
        }

        if (card.Genres is not { Count: > 0 })
        {
            problems.Add("card.json lists no genres");
        }

        if (card.GenreShares is not { Count: > 0 } || card.GenreShares.Keys.Any(g => card.Genres?.Contains(g) != true))
        {
            problems.Add("card.json's genreShares must name only genres in its genres list");
        }

        if (card.Features is not { Count: > 0 })
        {
            problems.Add("card.json lists no features");
            return problems;
        }

        foreach (var name in card.Features)
        {
            var column = package.InputSchema.GetColumnOrNull(name);
            var textual = name == TrackColumn.Genre;
            if (column is null)
            {
                problems.Add($"the model's input has no column '{name}' that card.json lists");
            }
            else if (textual ? column.Value.Type is not TextDataViewType : column.Value.Type != NumberDataViewType.Single)
            {
                problems.Add($"the model's input column '{name}' is {column.Value.Type}, not {(textual ? "text" : "a single-precision number")}");
            }

            if (!textual && NumericFeature.All.All(f => f.Name != name))
            {
                problems.Add($"card.json lists feature '{name}', which the service cannot supply");
            }
        }

        if (problems.Count == 0)
        {
            Smoke(package, problems);
        }

        return problems;
    }

    private static void Smoke(ModelPackage package, List<string> problems)
    {
        try
        {
            using var engine = package.CreateEngine(new MLContext(seed: 0));
            var input = Typical();
            input.Genre = package.Card.Genres[0];
            Check(TierPredictor.Predict(package, engine, input), "with a genre", problems);
            input.Genre = "";
            Check(TierPredictor.Predict(package, engine, input), "without a genre", problems);
            if (package.Family.AcceptsPartialInput)
            {
                var audio = new ModelInput { Genre = package.Card.Genres[0], Tempo = 120, Loudness = -8 };
                foreach (var feature in ModelFamily.Knowable.Where(f => f != NumericFeature.Tempo && f != NumericFeature.Loudness))
                {
                    feature.Set(audio, float.NaN);
                }

                Check(TierPredictor.Predict(package, engine, audio), "with features missing", problems);
            }

            var known = Typical();
            known.Genre = package.Card.Genres[0];
            var raw = engine.Predict(known).Probabilities;
            if (raw.Length != TierCutoffs.All.Count)
            {
                problems.Add($"the model gives {raw.Length} probabilities, not {TierCutoffs.All.Count}");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add($"a smoke prediction failed: {ex.Message}");
        }
    }

    private static void Check(TierPrediction prediction, string how, List<string> problems)
    {
        var values = prediction.Probabilities.Values.ToArray();
        if (values.Length != TierCutoffs.All.Count || values.Any(p => !double.IsFinite(p) || p < 0 || p > 1)
            || Math.Abs(values.Sum() - 1) > 1e-3)
        {
            problems.Add($"a smoke prediction {how} gave probabilities [{string.Join(", ", values)}], not four that sum to 1");
        }
    }

    /// <summary>A plausible mid-range track.</summary>
    private static ModelInput Typical() => new()
    {
        Danceability = 0.6f,
        Energy = 0.6f,
        Loudness = -8,
        Tempo = 120,
        Speechiness = 0.05f,
        Acousticness = 0.3f,
        Instrumentalness = 0.01f,
        Liveness = 0.15f,
        Valence = 0.5f,
        DurationMs = 210_000,
        Key = 5,
        Mode = 1,
        TimeSignature = 4,
        Explicit = 0,
    };
}
