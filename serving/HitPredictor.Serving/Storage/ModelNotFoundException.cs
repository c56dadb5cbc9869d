namespace HitPredictor.Serving.Storage;

/// <summary>A version the pointer or a caller names is not in the store (or is missing one of its files).</summary>
public sealed class ModelNotFoundException : Exception
{
    public ModelNotFoundException()
    {
    }

    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
