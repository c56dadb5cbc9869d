using HitPredictor.Training.Data;

namespace HitPredictor.Training.Features;

/// <summary>The inputs a model uses: numeric audio features, plus genre (one-hot encoded inside the model).</summary>
public sealed class FeatureSet
{
    private FeatureSet(IReadOnlyList<NumericFeature> numeric) => Numeric = numeric;

    public IReadOnlyList<NumericFeature> Numeric { get; }

    /// <summary>All input column names, genre last, as the model card lists them.</summary>
    public IReadOnlyList<string> Names => [.. Numeric.Select(f => f.Name), TrackColumn.Genre];

    /// <summary>The ten continuous audio features.</summary>
    public static FeatureSet Continuous { get; } = new(NumericFeature.All.Take(10).ToArray());

    /// <summary>The continuous features plus key, mode and time signature: every field of a Spotify audio-features object.</summary>
    public static FeatureSet AudioFeatures { get; } = new(NumericFeature.All.Take(13).ToArray());

    /// <summary>
    /// What an audio file yields directly (<c>hitpredictor analyze</c>): loudness, tempo, duration, key, mode and time
    /// signature. The perceptual features (danceability, energy, ...) are Spotify's own models and are not among them.
    /// </summary>
    public static FeatureSet AudioMeasurable { get; } = new(
        [NumericFeature.Loudness, NumericFeature.Tempo, NumericFeature.DurationMs, NumericFeature.Key, NumericFeature.Mode, NumericFeature.TimeSignature]);

    /// <summary>The continuous features plus key, mode, time signature and explicit.</summary>
    public static FeatureSet Extended { get; } = new(NumericFeature.All);

    /// <summary>The set the released model uses, chosen on the held-out split (see the README).</summary>
    public static FeatureSet Default => Extended;

    /// <summary>The set named by a model card's <c>features</c> list.</summary>
    public static FeatureSet FromNames(IEnumerable<string> names)
    {
        var wanted = names.Where(n => n != TrackColumn.Genre).ToArray();
        var features = wanted
            .Select(n => NumericFeature.All.FirstOrDefault(f => f.Name == n)
                ?? throw new ArgumentException($"unknown feature '{n}'", nameof(names)))
            .ToArray();
        return new FeatureSet(features);
    }
}
