using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Reporting.Analysis;

/// <summary>Computes the dataset half of the report from a read-and-cleaned dataset.</summary>
internal static class DatasetAnalyzer
{
    public static DatasetAnalysis Analyze(TrainingData data, FeatureSet features, TierCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var raw = data.Read.Tracks;
        var clean = data.Clean.Tracks;
        var hygiene = data.Clean.Counts;
        var duplicates = DuplicateSpread.From(raw);
        var popularity = PopularityDistribution.From(raw, clean, cutoffs);
        var profiles = new List<FeatureProfile>();
        foreach (var feature in features.Numeric)
        {
            cancellationToken.ThrowIfCancellationRequested();
            profiles.Add(Profile(feature, raw, clean, cutoffs));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new DatasetAnalysis(data.Dataset, hygiene, HygieneFunnel.From(hygiene), duplicates, popularity, profiles, Genres(raw, clean, cutoffs));
    }

    private static FeatureProfile Profile(NumericFeature feature, IReadOnlyList<TrackRecord> raw, IReadOnlyList<TrackRecord> clean, TierCutoffs cutoffs)
    {
        var (pearsonBefore, spearmanBefore) = Correlations(feature, raw);
        var (pearsonAfter, spearmanAfter) = Correlations(feature, clean);
        var byTier = TierCutoffs.All.ToDictionary(
            tier => tier,
            tier => BoxSummary.From(clean.Where(t => cutoffs.Classify(t.Popularity!.Value) == tier).Select(t => (double)feature.ValueOf(t))));
        return new FeatureProfile(feature.Name, byTier, pearsonBefore, spearmanBefore, pearsonAfter, spearmanAfter);
    }

    private static (double Pearson, double Spearman) Correlations(NumericFeature feature, IReadOnlyList<TrackRecord> tracks)
    {
        var values = new List<double>(tracks.Count);
        var popularity = new List<double>(tracks.Count);
        foreach (var track in tracks)
        {
            var value = feature.ValueOf(track);
            if (track.Popularity is { } p && !float.IsNaN(value))
            {
                values.Add(value);
                popularity.Add(p);
            }
        }

        return (Statistics.Pearson(values, popularity), Statistics.Spearman(values, popularity));
    }

    private static GenreStats[] Genres(IReadOnlyList<TrackRecord> raw, IReadOnlyList<TrackRecord> clean, TierCutoffs cutoffs)
    {
        var rowsRead = raw.Where(t => t.Genre.Length > 0).GroupBy(t => t.Genre, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = clean.GroupBy(t => t.Genre, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return
        [
            .. rowsRead.Select(pair =>
            {
                var tracks = kept.GetValueOrDefault(pair.Key, []);
                var sorted = tracks.Select(t => (double)t.Popularity!.Value).Order().ToArray();
                var hits = tracks.Count(t => cutoffs.Classify(t.Popularity!.Value) is Tier.Viral or Tier.Hit);
                return new GenreStats(pair.Key, pair.Value, tracks.Length, Statistics.Median(sorted), tracks.Length == 0 ? 0 : (double)hits / tracks.Length);
            })
            .OrderByDescending(g => g.MedianPopularity).ThenBy(g => g.Genre, StringComparer.Ordinal),
        ];
    }
}
