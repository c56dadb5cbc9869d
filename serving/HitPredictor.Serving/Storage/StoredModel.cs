namespace HitPredictor.Serving.Storage;

/// <summary>A version's two files as read from a store.</summary>
public sealed record StoredModel(string Version, ReadOnlyMemory<byte> ModelZip, string CardJson);
