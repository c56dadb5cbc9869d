using System.Globalization;
using HitPredictor.Training.Explanation;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Benchmarks;

/// <summary>
/// <c>explain-stability [--model DIR] [--tracks N] [--seeds S]</c>: how much an explanation depends on the sampled feature orders.
/// Explains the first N sample tracks with S seeds at 2, 3, 4, 8 and 16 antithetic pairs; for every track, feature and
/// tier it takes the standard deviation of the contribution across seeds, and prints their median, 95th percentile
/// and maximum (in probability points), beside the median size of a contribution and of the largest one per track.
/// </summary>
public static class ExplainStability
{
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var rest = BenchmarkModel.Prepare(args, output);
        var tracks = Option(rest, "--tracks", 200);
        var seeds = Option(rest, "--seeds", 20);
        var package = BenchmarkModel.Load();
        var inputs = BenchmarkTracks.Inputs(package.Card).Take(tracks).ToArray();
        output.WriteLine($"{inputs.Length} tracks x {seeds} seeds; contributions in probability points");
        output.WriteLine("pairs | sd median | sd p95 | sd max | |contribution| median | largest |contribution| per track, median");
        foreach (var pairs in new[] { 2, 3, 4, 8, 16 })
        {
            var explainers = Enumerable.Range(0, seeds).Select(seed =>
                TrackExplainer.TryCreate(package, out var explainer, out var reason, pairs, TrackExplainer.DefaultSeed + seed)
                    ? explainer : throw new InvalidOperationException(reason)).ToArray();
            var spreads = new List<double>();
            var sizes = new List<double>();
            var largest = new List<double>();
            foreach (var input in inputs)
            {
                var runs = explainers.Select(e => e.TryExplain(input, out var x, out var why) ? x : throw new InvalidOperationException(why))
                    .Select(x => x.Contributions.ToDictionary(c => c.Feature)).ToArray();
                var track = new List<double>();
                foreach (var feature in runs[0].Keys)
                {
                    foreach (var tier in TierCutoffs.All)
                    {
                        var values = runs.Select(r => r[feature][tier] * 100).ToArray();
                        var mean = values.Average();
                        spreads.Add(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)));
                        sizes.Add(Math.Abs(mean));
                        track.Add(Math.Abs(mean));
                    }
                }

                largest.Add(track.Max());
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pairs,5} | {Quantile(spreads, 0.5),9:F3} | {Quantile(spreads, 0.95),6:F3} | {spreads.Max(),6:F3} | {Quantile(sizes, 0.5),21:F3} | {Quantile(largest, 0.5),8:F3}"));
        }

        return 0;
    }

    private static double Quantile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round((sorted.Length - 1) * p)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
