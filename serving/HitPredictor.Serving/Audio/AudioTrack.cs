using System.Text.Json.Nodes;
using HitPredictor.Audio;

namespace HitPredictor.Serving.Audio;

/// <summary>
/// The one rule by which every door (<c>predict --audio</c>, <c>POST /api/analyze</c>) turns an analysis into a track:
/// the measured features and the assumed ones (the time signature, as the analyser reports it) under their column
/// names; what was not measured, and the perceptual features, stay unknown. Silence is refused.
/// </summary>
public static class AudioTrack
{
    /// <summary>The track object of <paramref name="analysis"/>; callers add the genre and any field the user gives.</summary>
    public static JsonObject Of(AudioAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        analysis.ThrowIfSilent();
        var track = new JsonObject();
        foreach (var (name, value) in analysis.Features())
        {
            track[name] = value;
        }

        return track;
    }
}
