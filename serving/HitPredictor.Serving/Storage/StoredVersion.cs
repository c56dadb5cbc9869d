namespace HitPredictor.Serving.Storage;

/// <summary>A complete version in a store and when it was stored (its card written: a version is published then).</summary>
public sealed record StoredVersion(string Version, DateTimeOffset StoredAt)
{
    /// <summary>
    /// The order in which versions stand in for an unusable pointer: newest stored first, then by name. The service falls
    /// back to the first that loads, and retraining judges a candidate against that same version.
    /// </summary>
    public static IEnumerable<StoredVersion> NewestFirst(IEnumerable<StoredVersion> versions) =>
        versions.OrderByDescending(v => v.StoredAt).ThenByDescending(v => v.Version, StringComparer.Ordinal);
}
