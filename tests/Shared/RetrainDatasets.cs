using System.Text;

namespace HitPredictor.TestData;

/// <summary>
/// Datasets for the retraining tests, derived from the built-in sample (one record per line, so fields are edited per
/// line; quoted fields are kept as written). Shared by the unit and integration tests (linked into both).
/// </summary>
internal static class RetrainDatasets
{
    /// <summary>The sample with its popularity column permuted across rows: the labels say nothing about the tracks.</summary>
    public static byte[] ShuffledLabels(string sample, int seed = 7)
    {
        var (header, rows) = Read(sample);
        var popularity = header.IndexOf("popularity");
        var values = rows.Select(r => r[popularity]).ToArray();
        new Random(seed).Shuffle(values);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][popularity] = values[i];
        }

        return Write(header, rows);
    }

    /// <summary>The sample's rows in reverse order: the same tracks, other bytes (another SHA-256).</summary>
    public static byte[] Reversed(string sample)
    {
        var (header, rows) = Read(sample);
        rows.Reverse();
        return Write(header, rows);
    }

    /// <summary>The sample's first rows only (it is ordered by genre, so a model trained on them knows only the first genres).</summary>
    public static byte[] FirstRows(string sample, int count)
    {
        var (header, rows) = Read(sample);
        return Write(header, [.. rows.Take(count)]);
    }

    public static byte[] Bad(BadUpload kind, string sample)
    {
        var (header, rows) = Read(sample);
        switch (kind)
        {
            case BadUpload.NotCsv:
                var bytes = new byte[8192];
                new Random(3).NextBytes(bytes);
                byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
                png.CopyTo(bytes, 0);
                return bytes;
            case BadUpload.Empty:
                return [];
            case BadUpload.HeaderOnly:
                return Write(header, []);
            case BadUpload.MissingColumns:
                var drop = new[] { header.IndexOf("tempo"), header.IndexOf("valence") };
                return Write(
                    [.. header.Where((_, i) => !drop.Contains(i))],
                    [.. rows.Select(r => r.Where((_, i) => !drop.Contains(i)).ToList())]);
            case BadUpload.MostRowsRejected:
                var tempo = header.IndexOf("tempo");
                for (var i = 0; i < rows.Count; i += 3)
                {
                    rows[i][tempo] = "fast";
                }

                return Write(header, rows);
            case BadUpload.TooFewRows:
                return Write(header, rows.Take(500).ToList());
            case BadUpload.OneTierOnly:
                var popularity = header.IndexOf("popularity");
                rows.ForEach(r => r[popularity] = "10");
                return Write(header, rows);
            case BadUpload.OverSizeLimit:
                return File.ReadAllBytes(sample);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>What the report's reason must say for each bad upload.</summary>
    public static string[] ExpectedReason(BadUpload kind) => kind switch
    {
        BadUpload.NotCsv => ["not text CSV"],
        BadUpload.Empty => ["empty"],
        BadUpload.HeaderOnly => ["header but no tracks"],
        BadUpload.MissingColumns => ["missing 2 required column(s)", "valence", "tempo"],
        BadUpload.MostRowsRejected => ["2,470 of 7,410 rows", "more than the 20% allowed", "line 2, tempo"],
        BadUpload.TooFewRows => ["fewer than the 1,000 needed"],
        BadUpload.OneTierOnly => ["no tracks in tier(s) Viral, Hit, Mid"],
        BadUpload.OverSizeLimit => ["over the limit of 65,536 bytes"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The size limit the tests set, so the sample is too large.</summary>
    public const long TestSizeLimit = 64 * 1024;

    private static (List<string> Header, List<List<string>> Rows) Read(string sample)
    {
        var lines = File.ReadAllLines(sample, Encoding.UTF8);
        return (Split(lines[0]), [.. lines.Skip(1).Where(l => l.Length > 0).Select(Split)]);
    }

    private static byte[] Write(List<string> header, List<List<string>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', header)).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Fields of one CSV line, each as written (quotes kept), split on commas outside quotes.</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }

        fields.Add(line[start..]);
        return fields;
    }
}
