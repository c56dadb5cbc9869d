using HitPredictor.Audio.Decoding;

namespace HitPredictor.Audio;

/// <summary>
/// What an audio file yields, on the dataset's scales and under its column names: <c>duration_ms</c>,
/// <c>loudness</c> (dB, integrated LUFS), <c>tempo</c> (BPM), <c>key</c> (0 = C ... 11 = B), <c>mode</c>
/// (1 major, 0 minor), <c>time_signature</c> (beats per bar). A feature is either measured, assumed, or unmeasured
/// with a reason; the perceptual features (danceability, energy, ...) are never produced.
/// </summary>
public sealed record AudioAnalysis
{
    public const string DurationField = "duration_ms";
    public const string LoudnessField = "loudness";
    public const string TempoField = "tempo";
    public const string KeyField = "key";
    public const string ModeField = "mode";
    public const string TimeSignatureField = "time_signature";

    public required AudioFormat Format { get; init; }

    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    public required long DurationMs { get; init; }

    public double? Loudness { get; init; }

    public double? Tempo { get; init; }

    public int? Key { get; init; }

    public int? Mode { get; init; }

    public required int TimeSignature { get; init; }

    /// <summary>Names of the features measured from the audio, in field order.</summary>
    public required IReadOnlyList<string> Measured { get; init; }

    /// <summary>Names of the features set by assumption rather than measured (the time signature: 4).</summary>
    public required IReadOnlyList<string> Assumed { get; init; }

    /// <summary>Features that could not be measured, each with the reason.</summary>
    public required IReadOnlyDictionary<string, string> Unmeasured { get; init; }

    /// <summary>Things worth knowing about the input, e.g. clipping.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether the audio is silent throughout (no block above the loudness gate): nothing but its length is measured.</summary>
    public bool IsSilent => Loudness is null;

    /// <summary>
    /// Refuses to score silence: a silent file has no tempo, key, mode or loudness, so a score would rest on its length
    /// alone. Throws <see cref="AudioRejectedException"/> (<see cref="AudioProblem.Silent"/>) saying so.
    /// </summary>
    public void ThrowIfSilent()
    {
        if (IsSilent)
        {
            throw new AudioRejectedException(AudioProblem.Silent,
                "silent: no tempo, key, mode or loudness can be measured (digital silence or below -70 LUFS throughout); nothing to score");
        }
    }

    /// <summary>The measured and assumed features by column name, for a track object.</summary>
    public IReadOnlyDictionary<string, double> Features()
    {
        var features = new Dictionary<string, double> { [DurationField] = DurationMs };
        if (Loudness is { } loudness)
        {
            features[LoudnessField] = loudness;
        }

        if (Tempo is { } tempo)
        {
            features[TempoField] = tempo;
        }

        if (Key is { } key)
        {
            features[KeyField] = key;
        }

        if (Mode is { } mode)
        {
            features[ModeField] = mode;
        }

        features[TimeSignatureField] = TimeSignature;
        return features;
    }
}
