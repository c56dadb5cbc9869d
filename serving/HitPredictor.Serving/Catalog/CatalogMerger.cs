using System.Buffers;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Streams the chunks' results, in input order, into one CSV: the first result's header, then every result's rows
/// as they were written (each result's own header skipped). Chunks that failed contribute no rows. One buffer at a time:
/// memory does not grow with the catalog.
/// </summary>
public sealed class CatalogMerger(ICatalogFiles files)
{
    private const int BufferBytes = 1 << 16;

    /// <summary>Writes <c>{container}/{name}</c> from the results of <paramref name="scored"/> (chunk indexes, in input order).</summary>
    public Task MergeAsync(string runId, IEnumerable<int> scored, string container, string name, CancellationToken cancellationToken) =>
        files.WriteAsync(container, name, async (output, ct) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            try
            {
                var first = true;
                foreach (var index in scored)
                {
                    await using var input = await files.OpenReadAsync(CatalogNames.Runs, CatalogPaths.Result(runId, index), ct).ConfigureAwait(false);
                    await CopyAsync(input, output, buffer, skipHeader: !first, ct).ConfigureAwait(false);
                    first = false;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, cancellationToken);

    private static async Task CopyAsync(Stream input, Stream output, byte[] buffer, bool skipHeader, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            if (skipHeader)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
                if (newline < 0)
                {
                    continue;
                }

                start = newline + 1;
                skipHeader = false;
            }

            await output.WriteAsync(buffer.AsMemory(start, read - start), cancellationToken).ConfigureAwait(false);
        }
    }
}
