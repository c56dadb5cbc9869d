using System.Text;
using HitPredictor.Training.Data;
using nietras.SeparatedValues;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Streams an upload into chunks of at most <c>chunkRows</c> data rows, each the upload's header followed by its rows
/// exactly as they are in the upload (quoted fields and line breaks inside them untouched), so a chunk's line
/// <c>n</c> is the upload's line <c>n + FirstLine - 2</c>. The header is checked first by the tracks reader (empty,
/// binary, required columns missing); a header with no rows is rejected too. One chunk is held at a time, in a buffer
/// reused for the next.
/// </summary>
public sealed class CatalogSplitter(ICatalogFiles files)
{
    private const int WriteBufferChars = 1 << 15;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the chunks of <paramref name="input"/> for <paramref name="runId"/>, calling <paramref name="written"/> after each.</summary>
    /// <exception cref="DatasetFormatException">The upload cannot be scored as a whole; the message says why.</exception>
    public async Task<IReadOnlyList<ChunkRange>> SplitAsync(
        Stream input, TrackCsvReaderOptions readerOptions, string runId, int chunkRows,
        Func<ChunkRange, CancellationToken, Task> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(written);
        var chunks = new List<ChunkRange>();
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = false, DisableColCountCheck = true })
                .From(new StreamReader(input, detectEncodingFromByteOrderMarks: true, leaveOpen: true));
            var header = CheckHeader(reader, readerOptions);
            var text = new StringBuilder();
            var firstLine = 0;
            var rows = 0;
            foreach (var row in reader)
            {
                if (rows == 0)
                {
                    text.Clear().Append(header).Append('\n');
                    firstLine = row.LineNumberFrom;
                }

                text.Append(row.Span).Append('\n');
                if (++rows == chunkRows)
                {
                    await WriteAsync(new ChunkRange(chunks.Count, firstLine, rows)).ConfigureAwait(false);
                    rows = 0;
                }
            }

            if (rows > 0)
            {
                await WriteAsync(new ChunkRange(chunks.Count, firstLine, rows)).ConfigureAwait(false);
            }

            if (chunks.Count == 0)
            {
                throw TrackCsvReader.HeaderOnly();
            }

            return chunks;

            async Task WriteAsync(ChunkRange chunk)
            {
                await files.WriteAsync(CatalogNames.Runs, CatalogPaths.Chunk(runId, chunk.Index), async (s, ct) =>
                {
                    await using var writer = new StreamWriter(s, Utf8, WriteBufferChars, leaveOpen: true);
                    await writer.WriteAsync(text, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                chunks.Add(chunk);
                await written(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not DatasetFormatException and not OperationCanceledException and not IOException)
        {
            throw TrackCsvReader.NotReadable(ex);
        }
    }

    /// <summary>The header as the upload has it, after the tracks reader accepted it.</summary>
    private static string CheckHeader(SepReader reader, TrackCsvReaderOptions readerOptions)
    {
        var header = reader.Header.IsEmpty ? "" : string.Join(reader.Spec.Sep.Separator, reader.Header.ColNames);
        using var headerOnly = new MemoryStream(Encoding.UTF8.GetBytes(header));
        using var check = TrackCsvReader.Open(headerOnly);
        new TrackCsvReader(readerOptions).Parser(check);
        return header;
    }
}
