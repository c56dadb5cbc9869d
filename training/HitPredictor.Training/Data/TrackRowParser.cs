using System.Globalization;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Data;

/// <summary>
/// Turns one row of a tracks CSV into a <see cref="TrackRecord"/>, or says which column is wrong and why, with the
/// messages of <see cref="TrackColumn.Check"/>. Made by <see cref="TrackCsvReader.Parser"/> for a checked header.
/// </summary>
public sealed class TrackRowParser
{
    private readonly TrackRanges _ranges;
    private readonly int[] _numeric;

    /// <summary>Where the text columns are (track id, artists, album, track name, genre), -1 when absent.</summary>
    private readonly int[] _text;

    internal TrackRowParser(SepReaderHeader header, IReadOnlyList<string> columns, TrackRanges ranges)
    {
        Columns = columns;
        _ranges = ranges;
        _text = [.. new[] { TrackColumn.TrackId, TrackColumn.Artists, TrackColumn.AlbumName, TrackColumn.TrackName, TrackColumn.Genre }.Select(c => IndexOf(header, c))];
        _numeric = [.. TrackColumn.Numeric.Select(c => IndexOf(header, c.Name))];
    }

    /// <summary>The header's column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public bool TryParse(SepReader.Row row, out TrackRecord track, out RejectedRow problem)
    {
        var line = row.LineNumberFrom;
        track = null!;
        if (row.ColCount != Columns.Count)
        {
            problem = new RejectedRow(line, null, $"has {row.ColCount} fields, the header has {Columns.Count}");
            return false;
        }

        var values = new float[_numeric.Length];
        int? popularity = null;
        for (var i = 0; i < _numeric.Length; i++)
        {
            var column = TrackColumn.Numeric[i];
            values[i] = float.NaN;
            if (_numeric[i] < 0)
            {
                continue;
            }

            var text = row[_numeric[i]].Span.Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (!TryParseValue(column, text, out var value, out var reason))
            {
                problem = new RejectedRow(line, column.Name, reason);
                return false;
            }

            values[i] = (float)value;
            if (ReferenceEquals(column, TrackColumn.Popularity))
            {
                popularity = (int)value;
            }
        }

        for (var i = 0; i < _text.Length; i++)
        {
            if (_text[i] >= 0 && row[_text[i]].Span.Contains('\0'))
            {
                problem = new RejectedRow(line, null, "holds binary data (a NUL character)");
                return false;
            }
        }

        var texts = new string[_text.Length];
        for (var i = 0; i < _text.Length; i++)
        {
            texts[i] = _text[i] < 0 ? "" : row[_text[i]].Span.Trim().ToString();
        }

        problem = null!;
        track = new TrackRecord
        {
            LineNumber = line,
            TrackId = texts[0],
            Artists = texts[1],
            AlbumName = texts[2],
            TrackName = texts[3],
            Genre = texts[4],
            Popularity = popularity,
            DurationMs = values[1],
            Explicit = values[2],
            Danceability = values[3],
            Energy = values[4],
            Key = values[5],
            Loudness = values[6],
            Mode = values[7],
            Speechiness = values[8],
            Acousticness = values[9],
            Instrumentalness = values[10],
            Liveness = values[11],
            Valence = values[12],
            Tempo = values[13],
            TimeSignature = values[14],
        };
        return true;
    }

    private bool TryParseValue(TrackColumn column, ReadOnlySpan<char> text, out double value, out string reason)
    {
        reason = "";
        if (column.Kind == TrackValueKind.Flag && TryParseBoolean(text, out value))
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            reason = column.Kind == TrackValueKind.Flag
                ? $"must be {column.Expected}, got '{Echo.Text(text)}'"
                : $"must be a number ({column.Expected}), got '{Echo.Text(text)}'";
            return false;
        }

        reason = column.Check(value, _ranges) ?? "";
        return reason.Length == 0;
    }

    private static bool TryParseBoolean(ReadOnlySpan<char> text, out double value)
    {
        value = text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1
            : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? 0
            : double.NaN;
        return !double.IsNaN(value);
    }

    private static int IndexOf(SepReaderHeader header, string name) =>
        header.TryIndexOf(name, out var index) ? index : -1;
}
