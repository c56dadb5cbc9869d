using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Analysis;

/// <summary>
/// One audio feature against popularity: its distribution in each tier (after hygiene) and its Pearson and
/// Spearman correlation with popularity, before hygiene and after.
/// </summary>
internal sealed record FeatureProfile(
    string Feature,
    IReadOnlyDictionary<Tier, BoxSummary> ByTier,
    double PearsonBefore,
    double SpearmanBefore,
    double PearsonAfter,
    double SpearmanAfter);
