namespace HitPredictor.Training.Prediction;

/// <summary>One bad input field: where it is (<c>tracks[3].tempo</c>) and what is wrong, with unit and range.</summary>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
