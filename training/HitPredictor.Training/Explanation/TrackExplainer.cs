using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Explanation;

/// <summary>
/// Explains a track's calibrated tier probabilities (what users see) with Shapley values over its numeric features,
/// the genre held at the track's own. The reference is the genre's typical track (<see cref="GenreBenchmark.Typical"/>):
/// a feature "present" takes the track's value, "absent" the reference's. Shapley values are estimated by permutation
/// sampling: <see cref="Pairs"/> random feature orders, each walked forwards and backwards (antithetic), from a fixed
/// seed, so the same track always gets the same values. Every walk telescopes from the reference's probabilities to the
/// track's, so baseline + the sum of contributions equals the track's probability exactly (up to rounding), whatever
/// the sample. The forest is evaluated directly (<see cref="ForestEvaluator"/>) and calibrated by the package's own
/// calibrator. Immutable and thread-safe.
/// </summary>
public sealed class TrackExplainer
{
    /// <summary>Antithetic pairs of feature orders per track: chosen so one track costs under 5 ms on the released model (docs/model.md).</summary>
    public const int DefaultPairs = 3;

    /// <summary>The seed every track's feature orders are drawn from.</summary>
    public const int DefaultSeed = 20_261_207;

    private readonly ForestEvaluator _evaluator;
    private readonly MemberCalibration _calibration;
    private readonly GenreBenchmarks _benchmarks;
    private readonly NumericFeature[] _features;
    private readonly int[] _slots;
    private readonly int[] _benchmarkIndex;

    private TrackExplainer(
        ForestEvaluator evaluator, MemberCalibration calibration, GenreBenchmarks benchmarks, int[] benchmarkIndex, int pairs, int seed)
    {
        _evaluator = evaluator;
        _calibration = calibration;
        _benchmarks = benchmarks;
        _features = [.. evaluator.Layout.Numeric.Select(n => n.Feature)];
        _slots = [.. evaluator.Layout.Numeric.Select(n => n.Slot)];
        _benchmarkIndex = benchmarkIndex;
        Pairs = pairs;
        Seed = seed;
    }

    /// <summary>Antithetic pairs of feature orders sampled per track.</summary>
    public int Pairs { get; }

    /// <summary>The seed every track's feature orders are drawn from (<see cref="DefaultSeed"/> when serving).</summary>
    public int Seed { get; }

    /// <summary>
    /// Most forest evaluations explaining one track takes (the reference, the track, and one per switched feature in each
    /// walk but the last): what an explanation costs, counted like predictions in a request's budget.
    /// </summary>
    public int MaxEvaluationsPerTrack => 2 + (2 * Pairs * Math.Max(0, _features.Length - 1));

    /// <summary>
    /// An explainer for a package, or false with the reason: the package has no <see cref="GenreBenchmarks.PartName"/>
    /// part (trained before explanations), or its model is not the forest <see cref="ForestEvaluator"/> reads.
    /// </summary>
    public static bool TryCreate(
        ModelPackage package, [NotNullWhen(true)] out TrackExplainer? explainer, out string reason, int pairs = DefaultPairs, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        explainer = null;
        if (GenreBenchmarks.From(package.Parts) is not { } benchmarks)
        {
            reason = $"model {package.Card.Version} has no {GenreBenchmarks.PartName} (it was trained before explanations); retrain it to explain its scores";
            return false;
        }

        if (!ForestEvaluator.TryCreate(package, out var evaluator, out reason))
        {
            reason = $"model {package.Card.Version} cannot be explained: {reason}";
            return false;
        }

        var index = evaluator.Layout.Numeric.Select(n => benchmarks.Features.ToList().IndexOf(n.Feature.Name)).ToArray();
        if (index.Contains(-1))
        {
            reason = $"model {package.Card.Version}'s {GenreBenchmarks.PartName} lacks a feature the model uses";
            return false;
        }

        explainer = new TrackExplainer(evaluator, package.Calibration, benchmarks, index, pairs, seed);
        reason = "";
        return true;
    }

    /// <summary>
    /// The explanation of one validated track, or false with a one-line reason when the track has no genre (its
    /// probabilities are an average over every genre, and the reference is one genre's typical track) or a genre
    /// without benchmarks.
    /// </summary>
    public bool TryExplain(ModelInput input, [NotNullWhen(true)] out TrackExplanation? explanation, out string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        explanation = null;
        if (string.IsNullOrEmpty(input.Genre))
        {
            reason = "no genre given: an explanation is measured against one genre's typical track; give the genre to get one";
            return false;
        }

        if (ModelFamily.MissingOf(input) is { Count: > 0 } missing)
        {
            reason = $"not every feature given ({string.Join(", ", missing)} unknown): an explanation splits the full model's answer over every feature; give them all to get one";
            return false;
        }

        if (!_benchmarks.Genres.TryGetValue(input.Genre, out var genre) || !_evaluator.Layout.GenreSlots.TryGetValue(input.Genre, out var genreSlots))
        {
            reason = $"the model has no benchmarks for genre '{input.Genre}'";
            return false;
        }

        var m = _features.Length;
        var value = new float[m];
        var reference = new float[m];
        for (var i = 0; i < m; i++)
        {
            value[i] = _features[i].ValueOf(input);
            reference[i] = genre.Typical[_benchmarkIndex[i]];
        }

        var shapley = Shapley(genreSlots, value, reference);
        var baseline = shapley.Baseline;
        var contributions = Enumerable.Range(0, m)
            .Select(i => new FeatureContribution(_features[i].Name, value[i], reference[i], shapley.Phi[i][0], shapley.Phi[i][1], shapley.Phi[i][2], shapley.Phi[i][3]))
            .OrderByDescending(c => Math.Abs(c.Viral) + Math.Abs(c.Hit) + Math.Abs(c.Mid) + Math.Abs(c.Flop))
            .ToArray();
        explanation = new TrackExplanation(
            TierCutoffs.All.ToDictionary(t => t.ToString(), t => baseline[(int)t]),
            contributions,
            Benchmark(input.Genre, genre, value));
        reason = "";
        return true;
    }

    private GenreBenchmarkResult Benchmark(string genreName, GenreBenchmark genre, float[] value) => new(
        genreName,
        [.. GenreBenchmarks.BenchmarkTiers.Select(t => t.ToString())],
        genre.HitTracks,
        genre.HitTracks == 0
            ? new Dictionary<string, double>()
            : Enumerable.Range(0, _features.Length).ToDictionary(i => _features[i].Name, i => Math.Round(genre.Percentile(_benchmarkIndex[i], value[i]), 1)));

    /// <summary>Antithetic permutation sampling of every feature's Shapley value per tier, and the reference's probabilities.</summary>
    private (double[] Baseline, double[][] Phi) Shapley(float[] genreSlots, float[] value, float[] reference)
    {
        var m = _features.Length;
        var classes = _evaluator.Classes;
        var slots = (float[])genreSlots.Clone();
        var raw = new float[classes];
        Write(slots, reference);
        var atReference = Calibrated(slots, raw);
        Write(slots, value);
        var atTrack = Calibrated(slots, raw);
        var phi = new double[m][];
        for (var i = 0; i < m; i++)
        {
            phi[i] = new double[classes];
        }

        var order = Enumerable.Range(0, m).ToArray();
        var reversed = new int[m];
        var random = new Random(Seed);
        for (var pair = 0; pair < Pairs; pair++)
        {
            random.Shuffle(order);
            Walk(order, slots, raw, value, reference, atReference, atTrack, phi);
            for (var j = 0; j < m; j++)
            {
                reversed[j] = order[m - 1 - j];
            }

            Walk(reversed, slots, raw, value, reference, atReference, atTrack, phi);
        }

        var walks = 2.0 * Pairs;
        foreach (var row in phi)
        {
            for (var c = 0; c < classes; c++)
            {
                row[c] /= walks;
            }
        }

        return (atReference, phi);
    }

    /// <summary>
    /// One walk from the reference to the track, switching features in <paramref name="order"/>: each feature is
    /// credited with the change its switch makes. A feature whose value equals the reference's changes nothing and
    /// costs no evaluation; the last switch that changes something lands on the track's own probabilities.
    /// </summary>
    private void Walk(int[] order, float[] slots, float[] raw, float[] value, float[] reference, double[] atReference, double[] atTrack, double[][] phi)
    {
        Write(slots, reference);
        var previous = atReference;
        var left = order.Count(i => value[i] != reference[i]);
        foreach (var i in order)
        {
            if (value[i] == reference[i])
            {
                continue;
            }

            slots[_slots[i]] = value[i];
            var current = --left == 0 ? atTrack : Calibrated(slots, raw);
            for (var c = 0; c < current.Length; c++)
            {
                phi[i][c] += current[c] - previous[c];
            }

            previous = current;
        }
    }

    private void Write(float[] slots, float[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            slots[_slots[i]] = values[i];
        }
    }

    private double[] Calibrated(float[] slots, float[] raw)
    {
        _evaluator.Probabilities(slots, raw);
        return _calibration.Calibrator.Calibrate(raw);
    }
}
