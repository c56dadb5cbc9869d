namespace HitPredictor.Serving.Engines;

/// <summary>No model is loaded yet (start-up, nothing published, or every load so far failed).</summary>
public sealed class ModelNotLoadedException : Exception
{
    public ModelNotLoadedException()
        : base("No model is loaded yet.")
    {
    }

    public ModelNotLoadedException(string message)
        : base(message)
    {
    }

    public ModelNotLoadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
