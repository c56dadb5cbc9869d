using System.Globalization;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Data;

/// <summary>
/// Streams a tracks CSV (RFC 4180, comma-separated, header row) into <see cref="TrackRecord"/>s. Columns are
/// found by header name in any order; extra columns, such as the Kaggle export's unnamed index, are ignored.
/// Values are parsed with the invariant culture. A row that cannot be used is reported with its line,
/// column and reason; a file that cannot be used at all raises <see cref="DatasetFormatException"/>.
/// </summary>
public sealed class TrackCsvReader(TrackCsvReaderOptions options)
{
    private const int CancellationCheckInterval = 4096;

    public TrackReadResult Read(string path, CancellationToken cancellationToken = default)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, cancellationToken);
    }

    /// <summary>Reads the stream to its end; it is read once, in chunks, never held whole in memory.</summary>
    public TrackReadResult Read(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = Sep.Reader(o => o with
            {
                Unescape = true,
                DisableColCountCheck = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true));
            return ReadRows(reader, cancellationToken);
        }
        catch (Exception ex) when (ex is not DatasetFormatException and not OperationCanceledException)
        {
            throw new DatasetFormatException($"The file is not a readable CSV: {ex.Message}", ex);
        }
    }

    private TrackReadResult ReadRows(SepReader reader, CancellationToken cancellationToken)
    {
        var header = reader.Header;
        if (header.IsEmpty)
        {
            throw new DatasetFormatException("The file is empty: expected a header row followed by tracks.");
        }

        var columns = header.ColNames.ToArray();
        if (columns.Any(LooksBinary))
        {
            throw new DatasetFormatException("The file is not text CSV: its first line holds binary data.");
        }

        var missing = options.RequiredColumns.Where(c => !header.TryIndexOf(c, out _)).ToArray();
        if (missing.Length > 0)
        {
            throw new DatasetFormatException(
                $"The file is missing {missing.Length} required column(s): {string.Join(", ", missing)}. " +
                $"Found: {string.Join(", ", columns.Where(c => c.Length > 0))}.");
        }

        var map = new ColumnMap(header);
        var tracks = new List<TrackRecord>();
        var rejected = new List<RejectedRow>();
        var rejectedCount = 0;
        var rowsRead = 0;
        foreach (var row in reader)
        {
            if (++rowsRead % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (map.TryParse(row, columns.Length, out var track, out var problem))
            {
                tracks.Add(track);
                continue;
            }

            rejectedCount++;
            if (rejected.Count < options.MaxRejectedDetails)
            {
                rejected.Add(problem);
            }
        }

        if (rowsRead == 0)
        {
            throw new DatasetFormatException("The file has a header but no tracks.");
        }

        return new TrackReadResult
        {
            Tracks = tracks,
            RowsRead = rowsRead,
            RejectedCount = rejectedCount,
            Rejected = rejected,
            Columns = columns,
        };
    }

    private static bool LooksBinary(string text) =>
        text.Any(c => c == '\0' || c == '\uFFFD' || (char.IsControl(c) && c is not '\t'));

    /// <summary>Where each known column sits in this file's header (-1 when absent).</summary>
    private sealed class ColumnMap
    {
        private readonly int _trackId, _artists, _album, _trackName, _genre;
        private readonly int[] _numeric;

        public ColumnMap(SepReaderHeader header)
        {
            _trackId = IndexOf(header, TrackColumn.TrackId);
            _artists = IndexOf(header, TrackColumn.Artists);
            _album = IndexOf(header, TrackColumn.AlbumName);
            _trackName = IndexOf(header, TrackColumn.TrackName);
            _genre = IndexOf(header, TrackColumn.Genre);
            _numeric = TrackColumn.Numeric.Select(c => IndexOf(header, c.Name)).ToArray();
        }

        public bool TryParse(SepReader.Row row, int headerCount, out TrackRecord track, out RejectedRow problem)
        {
            var line = row.LineNumberFrom;
            track = null!;
            if (row.ColCount != headerCount)
            {
                problem = new RejectedRow(line, null, $"has {row.ColCount} fields, the header has {headerCount}");
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

            int[] textColumns = [_trackId, _artists, _album, _trackName, _genre];
            var texts = new string[textColumns.Length];
            for (var i = 0; i < textColumns.Length; i++)
            {
                texts[i] = textColumns[i] < 0 ? "" : row[textColumns[i]].Span.Trim().ToString();
            }

            var nul = Array.FindIndex(texts, t => t.Contains('\0', StringComparison.Ordinal));
            if (nul >= 0)
            {
                problem = new RejectedRow(line, null, "holds binary data (a NUL character)");
                return false;
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

        private static bool TryParseValue(TrackColumn column, ReadOnlySpan<char> text, out double value, out string reason)
        {
            reason = "";
            if (ReferenceEquals(column, TrackColumn.Explicit) && TryParseBoolean(text, out value))
            {
                return true;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                reason = ReferenceEquals(column, TrackColumn.Explicit)
                    ? $"must be True/False or 1/0, got '{text}'"
                    : $"must be a number, got '{text}'";
                return false;
            }

            if (column.Integral && value != Math.Floor(value))
            {
                reason = FormattableString.Invariant($"must be a whole number, got {value}");
                return false;
            }

            if (!column.InRange(value))
            {
                reason = FormattableString.Invariant($"must be {column.RangeText}, got {value}");
                return false;
            }

            return true;
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
}
