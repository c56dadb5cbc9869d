namespace HitPredictor.Serving.Page;

/// <summary>One file of the web page: its bytes, content type and a strong ETag derived from the bytes.</summary>
public sealed record PageAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
