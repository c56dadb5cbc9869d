using System.Diagnostics;
using System.Globalization;
using HitPredictor.TestData;
using HitPredictor.Training.Evaluation;
using HitPredictor.Training.Features;
using HitPredictor.Training.Modeling;
using Microsoft.ML;

namespace HitPredictor.Benchmarks;

/// <summary>
/// <c>family-figures [--data CSV] [--seeds 42,7,...] [--tune] [--no-family]</c>: issue
/// #11's partial-input figures on artist-grouped splits of the full dataset, one split per seed
/// (<see cref="UnseenArtistFigures"/>: the family trained on the training artists, the other artists' tracks scored
/// through the API's reader and an engine lease, beside genre averaging and a plain forest without genre), then the
/// spread over the seeds (every member, the genre-less ones too, has the released forest's settings, the seed's own
/// forest seed). <c>--tune</c> first compares candidate settings for the forest
/// without genre (<see cref="Candidates"/>) on a validation split of the training artists (their own artist-grouped
/// split, the test artists unseen), then fits the one with the best validation AUC and the released settings on every
/// training track and gives both AUCs on the test artists. <c>--no-family</c> skips the family (tuning only).
/// </summary>
public static class FamilyFigures
{
    /// <summary>The settings compared for the forest without genre: the released forest, shallower and larger-leaved ones, and LightGBM (not servable by the direct evaluator; a reference).</summary>
    public static IReadOnlyList<ITrainerSpec> Candidates { get; } =
    [
        new ForestSettings(),
        new ForestSettings { Leaves = 300, MinExamplesPerLeaf = 10 },
        new ForestSettings { Leaves = 100, MinExamplesPerLeaf = 50 },
        new ForestSettings { Leaves = 40, MinExamplesPerLeaf = 200 },
        new ForestSettings { Leaves = 100, MinExamplesPerLeaf = 50, FeatureFractionPerSplit = 0.8 },
        new LightGbmSettings { Iterations = 300, Leaves = 31, LearningRate = 0.05 },
    ];

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var path = Value(args, "--data") ?? RepoPaths.SharedDataset;
        var seeds = (Value(args, "--seeds") ?? "42").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var options = new TrainingOptions { FeatureImportance = false, ArtistGroupedEvaluation = false };
        var data = TrainingData.LoadAsync(path, options.Features, options.Hygiene).GetAwaiter().GetResult();
        output.WriteLine($"{path}: {data.Clean.Tracks.Count:N0} clean tracks; load {Load()}");
        var results = new List<UnseenArtistFigures>();
        foreach (var seed in seeds)
        {
            var seeded = options with { Seed = seed, Forest = options.Forest with { Seed = seed } };
            var split = UnseenArtistFigures.Split(data, seeded);
            if (args.Contains("--tune"))
            {
                Tune(split, seeded, output);
            }

            if (!args.Contains("--no-family"))
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var figures = UnseenArtistFigures.Measure(data, split, seeded, CancellationToken.None);
                results.Add(figures);
                foreach (var line in figures.Describe())
                {
                    output.WriteLine(line);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seed}: family trained and measured in {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F0} s of CPU; load {Load()}"));
            }
        }

        if (results.Count > 1)
        {
            Spread(output, "genre left out AUC - genre averaging", results.Select(r => r[UnseenArtistFigures.NoGenre].ViralOrHitAuc - r.GenreAveragedAuc));
            Spread(output, "genre left out AUC - plain forest without genre", results.Select(r => r[UnseenArtistFigures.NoGenre].ViralOrHitAuc - r.PlainForestAuc));
            Spread(output, "six + genre accuracy - complete accuracy", results.Select(r => r[UnseenArtistFigures.SixAndGenre].Accuracy - r[UnseenArtistFigures.Complete].Accuracy));
            foreach (var name in results[0].InputSets.Select(s => s.Name))
            {
                Spread(output, $"{name} accuracy", results.Select(r => r[name].Accuracy));
                Spread(output, $"{name} AUC", results.Select(r => r[name].ViralOrHitAuc));
            }

            Spread(output, "genre averaging AUC", results.Select(r => r.GenreAveragedAuc));
            Spread(output, "plain forest without genre AUC", results.Select(r => r.PlainForestAuc));
        }

        return 0;
    }

    /// <summary>Each candidate fitted without genre on the training artists minus a validation fifth of them, its raw AUC on that fifth; the best by it and the released settings then on the test artists.</summary>
    private static void Tune(DataSplit split, TrainingOptions options, TextWriter output)
    {
        var inner = DataSplitter.ArtistGrouped(split.Train, options.TestFraction, options.Seed);
        output.WriteLine($"seed {options.Seed}: tuning the forest without genre on {inner.Train.Count:N0} tracks, validated on {inner.Test.Count:N0} tracks of other training artists");
        var scored = Candidates.Select(candidate =>
        {
            var (auc, seconds) = FitAndMeasure(candidate, inner.Train, inner.Test, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {options.Seed}: validation AUC {auc:F4} {Describe(candidate)} ({seconds:F0} s CPU, load {Load()})"));
            return (candidate, auc);
        }).ToArray();
        var best = scored.MaxBy(s => s.auc).candidate;
        foreach (var candidate in best == Candidates[0] ? [best] : new[] { Candidates[0], best })
        {
            var (auc, seconds) = FitAndMeasure(candidate, split.Train, split.Test, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {options.Seed}: test-artist AUC {auc:F4} {Describe(candidate)}{(candidate == best ? " (best on validation)" : "")}, fitted on {split.Train.Count:N0} tracks ({seconds:F0} s CPU)"));
        }
    }

    private static (double Auc, double CpuSeconds) FitAndMeasure(ITrainerSpec trainer, IReadOnlyList<LabelledTrack> train, IReadOnlyList<LabelledTrack> test, TrainingOptions options)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var seeded = trainer switch
        {
            ForestSettings forest => forest with { Seed = options.Seed },
            LightGbmSettings boosted => boosted with { Seed = options.Seed },
            _ => trainer,
        };
        var ml = new MLContext(options.Seed);
        var model = HitModelPipeline.Build(ml, options.Features, seeded, genre: false).Fit(ml.Data.LoadFromEnumerable(train.Select(t => ModelInput.From(t.Track, t.Tier))));
        var scores = UnseenArtistFigures.ViralOrHit(ModelScorer.Probabilities(ml, model, test.Select(t => ModelInput.From(t.Track))));
        return (UnseenArtistFigures.Auc(scores, [.. test.Select(t => t.Tier)]), (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static string Describe(ITrainerSpec trainer) =>
        $"{trainer.Name} {string.Join(", ", trainer.Settings.Where(s => s.Key != "strategy" && s.Key != "seed").Select(s => $"{s.Key} {s.Value}"))}";

    private static void Spread(TextWriter output, string name, IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"over {v.Length} seeds, {name}: mean {mean:F4}, sd {sd:F4}, min {v.Min():F4}, max {v.Max():F4}"));
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
