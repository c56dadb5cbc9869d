using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Reporting.Analysis;

/// <summary>Everything the dataset half of the report shows, computed once from the raw read and the clean tracks.</summary>
internal sealed record DatasetAnalysis(
    DatasetInfo Dataset,
    HygieneCounts Hygiene,
    IReadOnlyList<FunnelStep> Funnel,
    DuplicateSpread Duplicates,
    PopularityDistribution Popularity,
    IReadOnlyList<FeatureProfile> Features,
    IReadOnlyList<GenreStats> Genres);
