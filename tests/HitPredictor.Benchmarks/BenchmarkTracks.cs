using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Benchmarks;

/// <summary>Real, varied tracks to score: the built-in sample's rows whose genre the model knows, in file order.</summary>
public static class BenchmarkTracks
{
    public static IReadOnlyList<TrackRecord> Records(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var numeric = FeatureSet.Default.Numeric;
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForScoring(numeric.Select(f => f.Name))).Read(RepoPaths.Sample);
        var known = card.Genres.ToHashSet(StringComparer.Ordinal);
        var tracks = read.Tracks.Where(t => known.Contains(t.Genre) && numeric.All(f => float.IsFinite(f.ValueOf(t)))).ToArray();
        return tracks.Length > 0
            ? tracks
            : throw new InvalidOperationException($"No track of {RepoPaths.Sample} has a genre model {card.Version} knows.");
    }

    public static ModelInput[] Inputs(ModelCard card) => [.. Records(card).Select(t => ModelInput.From(t))];

    /// <summary><paramref name="count"/> inputs, the sample's tracks repeated as needed.</summary>
    public static ModelInput[] Inputs(ModelCard card, int count)
    {
        var all = Inputs(card);
        return [.. Enumerable.Range(0, count).Select(i => all[i % all.Length].Clone())];
    }
}
