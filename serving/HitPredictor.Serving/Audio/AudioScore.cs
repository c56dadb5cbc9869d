using HitPredictor.Audio;
using HitPredictor.Serving.Http;

namespace HitPredictor.Serving.Audio;

/// <summary>
/// <c>POST /api/analyze</c>'s answer: <c>{"features":{"duration_ms":...},"measured":[...],"assumed":["time_signature"],
/// "unmeasured":{"key":"why"},"warnings":[...],"score":{an /api/score result}}</c>; <c>features</c> holds the measured and
/// assumed fields under the dataset's column names, as the track was scored.
/// </summary>
public sealed record AudioScore(
    IReadOnlyDictionary<string, double> Features,
    IReadOnlyList<string> Measured,
    IReadOnlyList<string> Assumed,
    IReadOnlyDictionary<string, string> Unmeasured,
    IReadOnlyList<string> Warnings,
    TrackScore Score)
{
    public static AudioScore From(AudioAnalysis analysis, TrackScore score)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new AudioScore(analysis.Features(), analysis.Measured, analysis.Assumed, analysis.Unmeasured, analysis.Warnings, score);
    }
}
