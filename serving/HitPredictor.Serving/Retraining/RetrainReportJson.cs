using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HitPredictor.Serving.Retraining;

/// <summary>The one JSON shape of reports and markers: camelCase, indented, enums as camelCase strings.</summary>
public static class RetrainReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Reports are read by people as files, never embedded in HTML: keep apostrophes and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RetrainReport report) => JsonSerializer.Serialize(report, Options);

    public static string Serialize(RollbackRecord record) => JsonSerializer.Serialize(record, Options);
}
