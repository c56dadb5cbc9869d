using HitPredictor.Reporting.Plots;

namespace HitPredictor.Reporting.Html;

/// <summary>A report section: its HTML fragment (plots embedded) and the plots, to be written as PNG files too.</summary>
internal sealed record RenderedSection(string Html, IReadOnlyList<RenderedPlot> Plots);
