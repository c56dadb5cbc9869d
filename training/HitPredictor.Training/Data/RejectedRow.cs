namespace HitPredictor.Training.Data;

/// <summary>A row the reader could not use: where it is, which column, and why.</summary>
/// <param name="LineNumber">The 1-based line where the row starts.</param>
/// <param name="Column">The column at fault, or <see langword="null"/> when the row as a whole is bad.</param>
/// <param name="Reason">What is wrong, in words a person can act on.</param>
public sealed record RejectedRow(int LineNumber, string? Column, string Reason)
{
    public override string ToString() =>
        Column is null ? $"line {LineNumber}: {Reason}" : $"line {LineNumber}, {Column}: {Reason}";
}
