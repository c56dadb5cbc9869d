namespace HitPredictor.Serving.Catalog;

/// <summary>A message as a worker received it: which delivery this is (1 the first), and what the queue needs to settle it.</summary>
public sealed record ChunkDelivery(ChunkMessage Message, long DequeueCount, string MessageId, string Receipt);
