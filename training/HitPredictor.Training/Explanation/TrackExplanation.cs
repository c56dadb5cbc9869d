using System.Text.Json.Serialization;

namespace HitPredictor.Training.Explanation;

/// <summary>
/// Why the model gave a track its calibrated probabilities, relative to a stated reference: <see cref="Baseline"/> is
/// what the model gives the genre's typical track; each contribution says how much a feature moves each tier's
/// probability from there (Shapley values), so for each tier baseline + the sum of contributions = the track's
/// probability. <see cref="Benchmark"/> places the track's features among the genre's Viral-or-Hit training tracks.
/// Contributions describe what the model responds to, not what would cause a hit.
/// </summary>
public sealed record TrackExplanation(
    IReadOnlyDictionary<string, double> Baseline, IReadOnlyList<FeatureContribution> Contributions, GenreBenchmarkResult? Benchmark);

/// <summary>
/// One feature's Shapley value per tier, in probability (-1 to 1), with the track's value and the reference's (the
/// genre's typical value it is measured from): <c>{"feature":"tempo","value":118.2,"reference":120,"Viral":d,...}</c>.
/// </summary>
public sealed record FeatureContribution(
    string Feature,
    double Value,
    double Reference,
    [property: JsonPropertyName("Viral")] double Viral,
    [property: JsonPropertyName("Hit")] double Hit,
    [property: JsonPropertyName("Mid")] double Mid,
    [property: JsonPropertyName("Flop")] double Flop)
{
    /// <summary>The contribution to a tier, by <see cref="Tiers.Tier"/> number.</summary>
    public double this[Tiers.Tier tier] => tier switch
    {
        Tiers.Tier.Viral => Viral,
        Tiers.Tier.Hit => Hit,
        Tiers.Tier.Mid => Mid,
        _ => Flop,
    };
}

/// <summary>
/// Where each of a track's features sits among the <see cref="Tracks"/> training tracks of <see cref="Genre"/> that
/// reached one of <see cref="Tiers"/>, as a percentile (0-100) per feature; empty when the genre has no such tracks.
/// </summary>
public sealed record GenreBenchmarkResult(string Genre, IReadOnlyList<string> Tiers, int Tracks, IReadOnlyDictionary<string, double> Percentiles);
