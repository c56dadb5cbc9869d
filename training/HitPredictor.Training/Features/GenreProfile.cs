using HitPredictor.Training.Modeling;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Features;

/// <summary>
/// What the training tracks say about each genre: its mean popularity (0-1) and its shares of Viral and of
/// Viral-or-Hit tracks. Learnt from the training side of a split only, and saved inside the model as a
/// lookup, so a tree can order genres by how well they sell in one split instead of many one-hot splits.
/// </summary>
public static class GenreProfile
{
    /// <summary>The model columns holding the profile, one figure each.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["track_genre_mean_popularity", "track_genre_viral_share", "track_genre_viral_or_hit_share"];

    /// <summary>
    /// One lookup per profile column, genre to figure. Scalar lookups on purpose: a genre missing from a lookup
    /// reads as a missing value (NaN), which the trees handle, where a vector lookup would yield no slots at all.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, float>>> Learn(IEnumerable<LabelledTrack> training)
    {
        var genres = training
            .GroupBy(t => t.Track.Genre, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
        Func<IGrouping<string, LabelledTrack>, double>[] figures =
        [
            g => g.Average(t => t.Track.Popularity!.Value / 100.0),
            g => g.Average(t => t.Tier == Tier.Viral ? 1.0 : 0.0),
            g => g.Average(t => t.Tier is Tier.Viral or Tier.Hit ? 1.0 : 0.0),
        ];
        return [.. figures.Select(figure => (IReadOnlyList<KeyValuePair<string, float>>)[.. genres.Select(g => new KeyValuePair<string, float>(g.Key, (float)figure(g)))])];
    }
}
