using System.Text.Json.Serialization;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;

namespace HitPredictor.Training.Family;

/// <summary>
/// One member of a package's model family: a name, the numeric features its forest reads and whether it reads genre.
/// The family covers the input sets people really have: every feature with genre (the main model), every feature
/// without genre, the six an audio file yields (<see cref="FeatureSet.AudioMeasurable"/>) with genre, and those six
/// without genre.
/// </summary>
public sealed record FamilyMemberSpec
{
    public const string Full = "full";
    public const string NoGenre = "no-genre";
    public const string Audio = "audio";
    public const string AudioNoGenre = "audio-no-genre";

    [JsonConstructor]
    public FamilyMemberSpec(string name, IReadOnlyList<string> featureNames, bool genre)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(featureNames);
        Name = name;
        FeatureNames = featureNames;
        Genre = genre;
        Numeric = FeatureSet.FromNames(featureNames);
    }

    public string Name { get; }

    /// <summary>The numeric columns the member's forest reads (as a card's <c>features</c> lists them, without genre).</summary>
    [JsonPropertyName("features")]
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Whether the member reads genre.</summary>
    public bool Genre { get; }

    [JsonIgnore]
    public FeatureSet Numeric { get; }

    /// <summary>What the member reads, as answers name inputs: its numeric columns, then <c>genre</c> when it reads it.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Inputs => Genre ? [.. FeatureNames, GenreField.Name] : FeatureNames;

    /// <summary>The four members, the main one (every feature of <paramref name="features"/> and genre) first.</summary>
    public static IReadOnlyList<FamilyMemberSpec> For(FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(features);
        string[] all = [.. features.Numeric.Select(f => f.Name)];
        string[] audio = [.. FeatureSet.AudioMeasurable.Numeric.Select(f => f.Name)];
        return [new(Full, all, true), new(NoGenre, all, false), new(Audio, audio, true), new(AudioNoGenre, audio, false)];
    }

    /// <summary>The card's <c>features</c> list for this member's own model (genre last when it reads it).</summary>
    public IReadOnlyList<string> CardFeatures => Genre ? [.. FeatureNames, TrackColumn.Genre] : FeatureNames;
}
