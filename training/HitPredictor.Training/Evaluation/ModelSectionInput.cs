using System.Text.Json;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Evaluation;

/// <summary>
/// What a report's model section is drawn from, as plain data: the card (confusion matrix, per-tier metrics, feature
/// importance and artist-grouped figures are shown as the card has them) and held-out tracks' actual tiers with the
/// probabilities the model answered them with (for the calibration plots), one vector per track in <see cref="Tier"/>
/// order. Retraining stores it as <see cref="FileName"/> so the scoring app carries no plotting;
/// <c>hitpredictor report --section</c> draws it.
/// </summary>
public sealed record ModelSectionInput(ModelCard Card, IReadOnlyList<Tier> Actual, IReadOnlyList<float[]> Probabilities)
{
    public const string FileName = "model-section.json";

    /// <summary>Said at the top of the section, e.g. that the model is evaluated on a different dataset than it was trained on.</summary>
    public string? EvaluationNote { get; init; }

    /// <summary><c>{"card": {...}, "actual": ["Flop", ...], "probabilities": [[...], ...], "evaluationNote": "..."}</c>.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("card");
            using (var card = JsonDocument.Parse(ModelCardJson.Serialize(Card)))
            {
                card.WriteTo(writer);
            }

            writer.WriteStartArray("actual");
            foreach (var tier in Actual)
            {
                writer.WriteStringValue(tier.ToString());
            }

            writer.WriteEndArray();
            writer.WriteStartArray("probabilities");
            foreach (var vector in Probabilities)
            {
                writer.WriteStartArray();
                foreach (var p in vector)
                {
                    writer.WriteNumberValue(p);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            if (EvaluationNote is not null)
            {
                writer.WriteString("evaluationNote", EvaluationNote);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">The bytes are not a model section written by <see cref="ToJson"/>.</exception>
    public static ModelSectionInput FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var card = ModelCardJson.Deserialize(root.GetProperty("card").GetRawText());
            var actual = root.GetProperty("actual").EnumerateArray().Select(t => Enum.Parse<Tier>(t.GetString()!)).ToArray();
            var probabilities = root.GetProperty("probabilities").EnumerateArray()
                .Select(v => v.EnumerateArray().Select(p => p.GetSingle()).ToArray()).ToArray();
            if (probabilities.Length != actual.Length)
            {
                throw new FormatException($"the model section has {actual.Length:N0} tiers but {probabilities.Length:N0} probability vectors.");
            }

            return new ModelSectionInput(card, actual, probabilities)
            {
                EvaluationNote = root.TryGetProperty("evaluationNote", out var note) ? note.GetString() : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"not a model section ({ModelSectionInput.FileName}): {ex.Message}", ex);
        }
    }
}
