namespace HitPredictor.Training.Prediction;

/// <summary>Finds the known genre names closest to an unknown one (edit distance, ties by name).</summary>
public static class GenreMatcher
{
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> known, int count)
    {
        var lower = text.ToLowerInvariant();
        return
        [
            .. known
                .Select(g => (Genre: g, Distance: Score(lower, g)))
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Genre, StringComparer.Ordinal)
                .Take(count)
                .Select(x => x.Genre),
        ];
    }

    /// <summary>Edit distance, less when one name contains the other ("hiphop" finds "hip-hop", "pop" finds "k-pop").</summary>
    private static int Score(string text, string genre)
    {
        var distance = Levenshtein(text, genre);
        return genre.Contains(text, StringComparison.Ordinal) || text.Contains(genre, StringComparison.Ordinal)
            ? distance / 2
            : distance;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
