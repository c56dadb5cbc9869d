namespace HitPredictor.Reporting.Plots;

/// <summary>A plot drawn to PNG bytes, with the file name it is written under and what it shows.</summary>
internal sealed record RenderedPlot(string FileName, string Title, string Caption, int Width, int Height, ReadOnlyMemory<byte> Png);
