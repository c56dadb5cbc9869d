using HitPredictor.Training.Data;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Modeling;

/// <summary>A clean track and the tier its popularity puts it in.</summary>
public sealed record LabelledTrack(TrackRecord Track, Tier Tier);
