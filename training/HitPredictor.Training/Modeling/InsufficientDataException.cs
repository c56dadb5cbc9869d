namespace HitPredictor.Training.Modeling;

/// <summary>The clean data cannot make a model: too few tracks, or a tier with none.</summary>
public sealed class InsufficientDataException : Exception
{
    public InsufficientDataException(string message) : base(message) { }

    public InsufficientDataException(string message, Exception innerException) : base(message, innerException) { }

    public InsufficientDataException() { }
}
