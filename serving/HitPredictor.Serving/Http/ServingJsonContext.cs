using System.Text.Json;
using System.Text.Json.Serialization;

namespace HitPredictor.Serving.Http;

/// <summary>
/// Serialisation code generated at build time for the answers every scoring request writes, so they are written
/// without reflection (and without its first-call cost); <see cref="ServingResult.JsonOptions"/> reads it first and
/// falls back to reflection for the rarer documents (problems, the model list).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrackScore))]
[JsonSerializable(typeof(BatchScore))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(Audio.AudioScore))]
internal sealed partial class ServingJsonContext : JsonSerializerContext;
