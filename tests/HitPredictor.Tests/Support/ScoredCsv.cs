using nietras.SeparatedValues;

namespace HitPredictor.Tests.Support;

/// <summary>A scored CSV read back as rows of cells by column name, for tests of what scoring wrote.</summary>
internal static class ScoredCsv
{
    public static List<Dictionary<string, string>> ReadRows(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var names = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < names.Count; i++)
            {
                cells[names[i]] = row[i].ToString();
            }

            rows.Add(cells);
        }

        return rows;
    }
}
