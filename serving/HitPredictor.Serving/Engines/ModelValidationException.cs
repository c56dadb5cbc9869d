namespace HitPredictor.Serving.Engines;

/// <summary>A stored model that must not go live, with every reason.</summary>
public sealed class ModelValidationException : Exception
{
    public ModelValidationException()
        : this([])
    {
    }

    public ModelValidationException(string message)
        : this([message])
    {
    }

    public ModelValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public ModelValidationException(IReadOnlyList<string> problems)
        : base(problems.Count == 0 ? "The model is not valid." : "The model is not valid: " + string.Join("; ", problems)) =>
        Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
