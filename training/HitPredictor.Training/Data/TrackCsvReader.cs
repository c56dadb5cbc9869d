using System.Globalization;
using nietras.SeparatedValues;

namespace HitPredictor.Training.Data;

/// <summary>
/// Streams a tracks CSV (RFC 4180, comma-separated, header row) into <see cref="TrackRecord"/>s. Columns are
/// found by header name in any order; extra columns, such as the Kaggle export's unnamed index, are ignored.
/// Values are parsed with the invariant culture and checked by <see cref="TrackColumn.Check"/> under the options'
/// <see cref="TrackCsvReaderOptions.Ranges"/>. A row that cannot be used is reported with its line, column and
/// reason; a file that cannot be used at all raises <see cref="DatasetFormatException"/>.
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
            using var reader = Open(stream);
            return ReadRows(reader, Parser(reader), cancellationToken);
        }
        catch (Exception ex) when (ex is not DatasetFormatException and not OperationCanceledException)
        {
            throw NotReadable(ex);
        }
    }

    /// <summary>A CSV reader over <paramref name="stream"/> as this class reads it (unescaped, invariant culture, any field count).</summary>
    public static SepReader Open(Stream stream) =>
        Sep.Reader(o => o with
        {
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true));

    /// <summary>The file as a whole cannot be read as CSV (the reason is the parser's).</summary>
    public static DatasetFormatException NotReadable(Exception ex) =>
        new($"The file is not a readable CSV: {ex.Message}", ex);

    /// <summary>The file has a header row and nothing after it.</summary>
    public static DatasetFormatException HeaderOnly() => new("The file has a header but no tracks.");

    /// <summary>Checks <paramref name="reader"/>'s header against the options and returns the parser of its rows.</summary>
    public TrackRowParser Parser(SepReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
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

        if (options.AnyOfColumns.Count > 0 && !options.AnyOfColumns.Any(c => header.TryIndexOf(c, out _)))
        {
            throw new DatasetFormatException(
                $"The file has none of the track's input columns: give at least one of {string.Join(", ", options.AnyOfColumns)}. " +
                $"Found: {string.Join(", ", columns.Where(c => c.Length > 0))}.");
        }

        return new TrackRowParser(header, columns, options.Ranges);
    }

    private TrackReadResult ReadRows(SepReader reader, TrackRowParser parser, CancellationToken cancellationToken)
    {
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

            if (parser.TryParse(row, out var track, out var problem))
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
            throw HeaderOnly();
        }

        return new TrackReadResult
        {
            Tracks = tracks,
            RowsRead = rowsRead,
            RejectedCount = rejectedCount,
            Rejected = rejected,
            Columns = parser.Columns,
        };
    }

    private static bool LooksBinary(string text) =>
        text.Any(c => c == '\0' || c == '\uFFFD' || (char.IsControl(c) && c is not '\t'));
}
