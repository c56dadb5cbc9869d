using HitPredictor.Training.Data;

namespace HitPredictor.Reporting.Analysis;

/// <summary>
/// Where duplicates come from, on the raw read before deduplication: for each song (track name + artists),
/// the number of genres it is listed under, and how many rows repeat an earlier one.
/// </summary>
internal sealed record DuplicateSpread(IReadOnlyList<SpreadBin> Bins, int Songs, int RepeatedRows, int SongsInSeveralGenres)
{
    public static DuplicateSpread From(IReadOnlyList<TrackRecord> tracks)
    {
        var genresBySong = new Dictionary<(string, string), HashSet<string>>();
        var rows = 0;
        foreach (var track in tracks.Where(t => t.TrackName.Length > 0 && t.Artists.Length > 0))
        {
            rows++;
            var key = (track.TrackName, track.Artists);
            if (!genresBySong.TryGetValue(key, out var genres))
            {
                genresBySong[key] = genres = new HashSet<string>(StringComparer.Ordinal);
            }

            genres.Add(track.Genre);
        }

        var bins = genresBySong.Values.GroupBy(g => g.Count).OrderBy(g => g.Key).Select(g => new SpreadBin(g.Key, g.Count())).ToArray();
        return new DuplicateSpread(bins, genresBySong.Count, rows - genresBySong.Count, genresBySong.Values.Count(g => g.Count > 1));
    }
}
