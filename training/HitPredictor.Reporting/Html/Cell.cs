namespace HitPredictor.Reporting.Html;

/// <summary>A table cell: its text, and an optional id so a reader (or a test) can find one number.</summary>
internal readonly record struct Cell(string Text, string? Id = null);
