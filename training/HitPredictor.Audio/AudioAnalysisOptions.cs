using System.ComponentModel.DataAnnotations;

namespace HitPredictor.Audio;

/// <summary>Limits of audio analysis, bound from the <c>AudioAnalysis</c> configuration section.</summary>
public sealed class AudioAnalysisOptions
{
    public const string SectionName = "AudioAnalysis";

    /// <summary>Largest file or request body, in bytes. Default 64 MiB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest audio analysed, in minutes. Default 20.</summary>
    [Range(0.1, 180)]
    public double MaxMinutes { get; set; } = 20;

    /// <summary>Shortest audio analysed, in seconds: tempo and key need a few beats. Default 2.</summary>
    [Range(0.5, 60)]
    public double MinimumSeconds { get; set; } = 2;

    /// <summary>Analyses running at once (the serving handler's bound). Default 2.</summary>
    [Range(1, 64)]
    public int MaxConcurrentAnalyses { get; set; } = 2;
}
