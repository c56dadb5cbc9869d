namespace HitPredictor.Serving.Retraining;

/// <summary>Where a marker lives inside the models container or folder.</summary>
internal static class DatasetIndexPaths
{
    public const string Folder = "datasets";

    public static string FileName(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a lower-case hex SHA-256.", nameof(sha256));
        }

        return sha256 + ".json";
    }

    public static string BlobName(string sha256) => $"{Folder}/{FileName(sha256)}";
}
