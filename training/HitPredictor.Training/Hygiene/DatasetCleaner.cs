using HitPredictor.Training.Data;
using HitPredictor.Training.Features;

namespace HitPredictor.Training.Hygiene;

/// <summary>
/// Cleans parsed tracks in three counted steps: drop excluded genres, drop incomplete rows, then drop
/// repeats of the same track, its <see cref="TrackIdentity"/> (the dataset lists one song under several genres,
/// which would leak between train and test), keeping the first occurrence.
/// </summary>
public static class DatasetCleaner
{
    public static CleanDataset Clean(TrackReadResult read, FeatureSet features, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);

        var excluded = new HashSet<string>(options.ExcludedGenres, StringComparer.OrdinalIgnoreCase);
        var kept = read.Tracks.Where(t => !excluded.Contains(t.Genre)).ToList();
        var afterExcluded = kept.Count;

        kept.RemoveAll(t => !IsComplete(t, features));
        var afterIncomplete = kept.Count;

        var seen = new HashSet<TrackIdentity>();
        kept.RemoveAll(t => !seen.Add(TrackIdentity.Of(t)));

        return new CleanDataset(kept, new HygieneCounts
        {
            RowsRead = read.RowsRead,
            RejectedRows = read.RejectedCount,
            AfterExcludedGenres = afterExcluded,
            AfterIncomplete = afterIncomplete,
            AfterDeduplication = kept.Count,
            ExcludedGenres = [.. options.ExcludedGenres.Order(StringComparer.Ordinal)],
        });
    }

    private static bool IsComplete(TrackRecord track, FeatureSet features) =>
        track.TrackName.Length > 0
        && track.Artists.Length > 0
        && track.Genre.Length > 0
        && track.Popularity is not null
        && features.Numeric.All(f => !float.IsNaN(f.ValueOf(track)));
}
