namespace HitPredictor.Serving.Storage;

/// <summary>A complete version in a store and when it was stored (its card written: a version is published then).</summary>
public sealed record StoredVersion(string Version, DateTimeOffset StoredAt);
