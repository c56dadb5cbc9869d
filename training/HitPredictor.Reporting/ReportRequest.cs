using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting;

/// <summary>What to report on and where to write it.</summary>
/// <param name="DataPath">The tracks CSV.</param>
/// <param name="OutputDirectory">Folder for report.html and the PNG files; created if missing.</param>
public sealed record ReportRequest(string DataPath, string OutputDirectory)
{
    /// <summary>A model folder (model.zip + card.json) to add the model section for; its card's hygiene and cut-offs then apply.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Tier cut-offs when no model is given. Default 70, 50, 30.</summary>
    public TierCutoffs Cutoffs { get; init; } = TierCutoffs.Default;

    /// <summary>Hygiene when no model is given. Default: exclude <c>sleep</c>.</summary>
    public HygieneOptions Hygiene { get; init; } = new();
}
