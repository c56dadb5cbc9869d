using System.Text.Json;

namespace HitPredictor.Serving.Catalog;

/// <summary>How catalog records, summaries and reports are written (camelCase, indented) and read.</summary>
internal static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static async Task WriteAsync<T>(ICatalogFiles files, string container, string name, T value, CancellationToken cancellationToken)
    {
        var bytes = Bytes(value);
        await files.WriteAsync(container, name, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file read as <typeparamref name="T"/>, or <see langword="default"/> when it does not exist.</summary>
    public static async Task<T?> ReadAsync<T>(ICatalogFiles files, string container, string name, CancellationToken cancellationToken)
    {
        if (await files.GetSizeAsync(container, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return default;
        }

        await using var stream = await files.OpenReadAsync(container, name, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken).ConfigureAwait(false);
    }
}
