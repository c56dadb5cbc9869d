using System.Globalization;

namespace HitPredictor.Tests.Support;

/// <summary>Builds small tracks CSVs in the dataset's format for tests.</summary>
internal static class Csv
{
    public const string Header =
        ",track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre";

    public static string Row(
        int index, string artists = "Artist", string track = "Song", int popularity = 50, string genre = "pop",
        string duration = "200000", string @explicit = "False", string danceability = "0.5", string tempo = "120.0", string loudness = "-6.0") =>
        string.Join(',',
            index.ToString(CultureInfo.InvariantCulture), "id" + index.ToString(CultureInfo.InvariantCulture), artists, "Album", track,
            popularity.ToString(CultureInfo.InvariantCulture), duration, @explicit, danceability, "0.6", "5", loudness, "1", "0.05",
            "0.1", "0.0", "0.1", "0.5", tempo, "4", genre);

    public static string File(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";
}
