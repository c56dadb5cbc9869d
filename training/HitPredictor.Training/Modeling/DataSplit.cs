namespace HitPredictor.Training.Modeling;

/// <summary>Training and held-out tracks, and how they were split.</summary>
public sealed record DataSplit(IReadOnlyList<LabelledTrack> Train, IReadOnlyList<LabelledTrack> Test, string Description);
