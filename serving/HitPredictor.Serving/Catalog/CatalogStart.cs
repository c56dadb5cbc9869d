namespace HitPredictor.Serving.Catalog;

/// <summary>
/// What starting an upload did: a run split and queued (<see cref="Run"/>), possibly one that was under way already
/// (<see cref="Resumed"/>), or an answer at once (<see cref="Report"/>: rejected, already scored, in progress elsewhere).
/// </summary>
public sealed record CatalogStart(CatalogRun? Run, CatalogReport? Report, bool Resumed);
