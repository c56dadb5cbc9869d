namespace HitPredictor.Audio;

/// <summary>Why a file could not be analysed. Front doors map it to a status: see <see cref="AudioProblemKinds"/>.</summary>
public enum AudioProblem
{
    /// <summary>No byte was given.</summary>
    Empty,

    /// <summary>The bytes are not any audio format we know (checked by magic number, not by file name).</summary>
    NotAudio,

    /// <summary>A known audio format we cannot decode here (FLAC, Opus, AIFF, multichannel, ...).</summary>
    UnsupportedFormat,

    /// <summary>The header says audio, but the stream cannot be decoded.</summary>
    Corrupt,

    /// <summary>The stream ends before the length its header declares.</summary>
    Truncated,

    /// <summary>Shorter than <see cref="AudioAnalysisOptions.MinimumSeconds"/>.</summary>
    TooShort,

    /// <summary>More bytes than <see cref="AudioAnalysisOptions.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>Longer than <see cref="AudioAnalysisOptions.MaxMinutes"/>.</summary>
    TooLong,

    /// <summary>Decoded, but silent throughout: no loudness, tempo, key or mode to score (<see cref="AudioAnalysis.ThrowIfSilent"/>).</summary>
    Silent,
}

/// <summary>How each <see cref="AudioProblem"/> reads from outside.</summary>
public static class AudioProblemKinds
{
    /// <summary>The HTTP status a problem answers with: 413 over a limit, 415 not (decodable) audio, else 400.</summary>
    public static int HttpStatus(this AudioProblem problem) => problem switch
    {
        AudioProblem.TooLarge or AudioProblem.TooLong => 413,
        AudioProblem.NotAudio or AudioProblem.UnsupportedFormat => 415,
        _ => 400,
    };

    /// <summary>A stable, lower-case name for JSON and problem details, e.g. <c>not-audio</c>.</summary>
    public static string Code(this AudioProblem problem) => problem switch
    {
        AudioProblem.Empty => "empty",
        AudioProblem.NotAudio => "not-audio",
        AudioProblem.UnsupportedFormat => "unsupported-format",
        AudioProblem.Corrupt => "corrupt",
        AudioProblem.Truncated => "truncated",
        AudioProblem.TooShort => "too-short",
        AudioProblem.TooLarge => "too-large",
        AudioProblem.TooLong => "too-long",
        AudioProblem.Silent => "silent",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}

/// <summary>The audio cannot be analysed; <see cref="Exception.Message"/> says why in one line.</summary>
public sealed class AudioRejectedException : Exception
{
    public AudioRejectedException(AudioProblem problem, string message)
        : base(message) => Problem = problem;

    public AudioRejectedException(AudioProblem problem, string message, Exception innerException)
        : base(message, innerException) => Problem = problem;

    public AudioProblem Problem { get; }
}
