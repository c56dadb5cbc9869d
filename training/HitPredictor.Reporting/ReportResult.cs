namespace HitPredictor.Reporting;

/// <summary>What a report run wrote: the HTML page, every plot as a PNG file, and anything the reader should know.</summary>
public sealed record ReportResult(string HtmlPath, IReadOnlyList<string> PlotPaths, IReadOnlyList<string> Notes);
