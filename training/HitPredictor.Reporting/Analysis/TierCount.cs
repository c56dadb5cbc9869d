using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Analysis;

/// <summary>A tier's track count and share, before hygiene (every parsed row with a popularity) and after.</summary>
internal sealed record TierCount(Tier Tier, int Before, double BeforeShare, int After, double AfterShare);
