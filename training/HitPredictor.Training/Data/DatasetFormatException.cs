namespace HitPredictor.Training.Data;

/// <summary>
/// The file as a whole cannot be used: empty, binary, header only, or missing required columns.
/// Row-level problems are never thrown; they are reported as <see cref="RejectedRow"/>s.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string message) : base(message) { }

    public DatasetFormatException(string message, Exception innerException) : base(message, innerException) { }

    public DatasetFormatException() { }
}
