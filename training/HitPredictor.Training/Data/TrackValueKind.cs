namespace HitPredictor.Training.Data;

/// <summary>What kind of number a track field holds.</summary>
public enum TrackValueKind
{
    /// <summary>A number from 0 to 1 (Spotify's confidence-like features).</summary>
    Fraction,

    /// <summary>Any number in the range, with a unit (dB, BPM, ms).</summary>
    Number,

    /// <summary>A whole number in the range (key, mode, time signature).</summary>
    WholeNumber,

    /// <summary>true/false, also written 1/0 (explicit).</summary>
    Flag,
}
