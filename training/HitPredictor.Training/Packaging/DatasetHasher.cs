using System.Security.Cryptography;

namespace HitPredictor.Training.Packaging;

/// <summary>SHA-256 of a dataset, streamed, as lower-case hex.</summary>
public static class DatasetHasher
{
    public static async Task<string> Sha256Async(Stream stream, CancellationToken cancellationToken = default)
    {
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await Sha256Async(stream, cancellationToken).ConfigureAwait(false);
    }
}
