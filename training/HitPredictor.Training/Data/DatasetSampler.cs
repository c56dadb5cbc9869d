using nietras.SeparatedValues;

namespace HitPredictor.Training.Data;

/// <summary>
/// Draws a reproducible sample of a tracks CSV: up to a fixed number of rows per genre, chosen by a seeded
/// shuffle of each genre's rows, written verbatim (quoting and number formats kept) in their original order.
/// </summary>
public static class DatasetSampler
{
    public static async Task<int> SampleAsync(string source, string target, int perGenre, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perGenre, 1);
        var rows = new List<(string Genre, string Text)>();
        string header;
        using (var reader = Sep.Reader(o => o with { DisableColCountCheck = true }).FromFile(source))
        {
            if (!reader.Header.TryIndexOf(TrackColumn.Genre, out var genreIndex))
            {
                throw new DatasetFormatException($"'{source}' has no {TrackColumn.Genre} column to sample by.");
            }

            header = string.Join(',', reader.Header.ColNames);
            foreach (var row in reader)
            {
                rows.Add((row[genreIndex].ToString(), row.Span.ToString()));
            }
        }

        var random = new Random(seed);
        var chosen = new SortedSet<int>();
        foreach (var genre in rows.Select((r, i) => (r.Genre, Index: i)).GroupBy(r => r.Genre).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = genre.Select(r => r.Index).ToArray();
            random.Shuffle(indices);
            chosen.UnionWith(indices.Take(perGenre));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await using var writer = new StreamWriter(target, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        await writer.WriteLineAsync(header.AsMemory(), cancellationToken);
        foreach (var index in chosen)
        {
            await writer.WriteLineAsync(rows[index].Text.AsMemory(), cancellationToken);
        }

        return chosen.Count;
    }
}
