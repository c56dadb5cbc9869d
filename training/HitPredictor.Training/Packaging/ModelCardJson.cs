using System.Text.Json;
using System.Text.Json.Serialization;

namespace HitPredictor.Training.Packaging;

/// <summary>The one JSON shape of a model card (and of what the CLI prints): camelCase, indented, dictionary keys as written, enums by name.</summary>
public static class ModelCardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ModelCard card) => JsonSerializer.Serialize(card, Options);

    public static ModelCard Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Options) ?? throw new JsonException("card.json is empty");
}
