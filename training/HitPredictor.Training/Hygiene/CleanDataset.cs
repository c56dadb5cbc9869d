using HitPredictor.Training.Data;

namespace HitPredictor.Training.Hygiene;

/// <summary>Tracks ready to train on, and the counts of how they were obtained.</summary>
public sealed record CleanDataset(IReadOnlyList<TrackRecord> Tracks, HygieneCounts Counts);
