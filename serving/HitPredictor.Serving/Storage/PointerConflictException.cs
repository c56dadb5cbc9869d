namespace HitPredictor.Serving.Storage;

/// <summary>The pointer changed between reading it and replacing it: another writer won.</summary>
public sealed class PointerConflictException : Exception
{
    public PointerConflictException()
    {
    }

    public PointerConflictException(string message)
        : base(message)
    {
    }

    public PointerConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
