namespace HitPredictor.Reporting.Analysis;

/// <summary>One step of the hygiene funnel: what it did and how many rows were left after it.</summary>
internal sealed record FunnelStep(string Id, string Label, int Rows);
