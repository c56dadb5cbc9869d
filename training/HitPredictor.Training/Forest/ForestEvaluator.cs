using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Forest;

/// <summary>
/// The trained model's one-vs-all forest read into flat arrays and evaluated directly: the pipeline's featurization
/// (numeric slots, genre one-hot and profile slots, in the Features vector's order), every tree of every tier, each
/// tier's Platt calibrator and ML.NET's clamp-and-normalise. It gives the prediction engine's probabilities (to 1e-6)
/// without its per-call overhead, allocates nothing per track, and is thread-safe (immutable). Built by
/// <see cref="TryCreate"/>, which reads slot names, key values and tree parameters from the model itself.
/// </summary>
public sealed class ForestEvaluator
{
    private readonly int[] _numericSlots;
    private readonly NumericFeature[] _numeric;
    private readonly Dictionary<string, float[]> _genreSlots;
    private readonly float[] _unknownGenreSlots;

    internal ForestEvaluator(ForestParameters parameters, FeatureLayout layout)
    {
        Parameters = parameters;
        Layout = layout;
        _numeric = [.. layout.Numeric.Select(n => n.Feature)];
        _numericSlots = [.. layout.Numeric.Select(n => n.Slot)];
        _genreSlots = layout.GenreSlots.ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
        _unknownGenreSlots = layout.UnknownGenreSlots;
    }

    internal ForestParameters Parameters { get; }

    internal FeatureLayout Layout { get; }

    /// <summary>Length of the Features vector.</summary>
    public int SlotCount => Layout.SlotCount;

    /// <summary>Tiers (one-vs-all classes), in <see cref="Tier"/> order.</summary>
    public int Classes => Parameters.Classes;

    /// <summary>Trees per tier.</summary>
    public int TreesPerClass => Parameters.TreesPerClass;

    /// <summary>The genres whose one-hot slot the model has.</summary>
    public IReadOnlyCollection<string> Genres => _genreSlots.Keys;

    /// <summary>
    /// Reads the evaluator from a package's ML.NET pipeline. False (with the reason) when the model is not the
    /// pipeline this evaluator knows (another trainer, another featurization); callers then keep the engine.
    /// </summary>
    public static bool TryCreate(ModelPackage package, [NotNullWhen(true)] out ForestEvaluator? evaluator, out string reason)
    {
        ArgumentNullException.ThrowIfNull(package);
        evaluator = null;
        if (!ForestReader.TryRead(package.Model, out var parameters, out reason))
        {
            return false;
        }

        if (!FeatureLayout.TryRead(package, parameters.SlotsRead, out var layout, out reason))
        {
            return false;
        }

        evaluator = new ForestEvaluator(parameters, layout);
        reason = "";
        return true;
    }

    /// <summary>Writes the Features vector of <paramref name="input"/> into <paramref name="slots"/> (length <see cref="SlotCount"/>).</summary>
    public void Featurize(ModelInput input, Span<float> slots)
    {
        ArgumentNullException.ThrowIfNull(input);
        var genre = _genreSlots.TryGetValue(input.Genre, out var known) ? known : _unknownGenreSlots;
        genre.CopyTo(slots);
        for (var i = 0; i < _numeric.Length; i++)
        {
            slots[_numericSlots[i]] = _numeric[i].ValueOf(input);
        }
    }

    /// <summary>Each tier's raw forest score (before Platt), as ML.NET computes it.</summary>
    public void Scores(ReadOnlySpan<float> slots, Span<float> scores)
    {
        for (var c = 0; c < Parameters.Classes; c++)
        {
            scores[c] = (float)Parameters.Score(c, slots);
        }
    }

    /// <summary>The engine's output for a Features vector: Platt probability per tier, clamped and normalised to sum to 1.</summary>
    public void Probabilities(ReadOnlySpan<float> slots, Span<float> probabilities)
    {
        Span<float> scores = stackalloc float[Parameters.Classes];
        Scores(slots, scores);
        FromScores(scores, probabilities);
    }

    /// <summary>
    /// The engine's output for <paramref name="count"/> Features vectors laid end to end in <paramref name="rows"/>
    /// (<see cref="SlotCount"/> each) into <paramref name="probabilities"/> (<see cref="Classes"/> each). The trees are
    /// walked one at a time over every row, so a tree's nodes stay in cache while all the rows go through it; each row's
    /// sums are added in the same order as <see cref="Probabilities"/> adds them, so the results are the same bits.
    /// </summary>
    public void ProbabilitiesOfRows(ReadOnlySpan<float> rows, int count, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, count * SlotCount, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilities.Length, count * Classes, nameof(probabilities));
        var parameters = Parameters;
        var classes = parameters.Classes;
        var slotCount = SlotCount;
        var sums = ArrayPool<double>.Shared.Rent(count);
        Span<float> scores = stackalloc float[classes];
        try
        {
            for (var c = 0; c < classes; c++)
            {
                Array.Clear(sums, 0, count);
                var first = c * parameters.TreesPerClass;
                for (var t = 0; t < parameters.TreesPerClass; t++)
                {
                    var root = parameters.Roots[first + t];
                    for (var r = 0; r < count; r++)
                    {
                        sums[r] += parameters.Leaf[parameters.LeafOf(root, rows.Slice(r * slotCount, slotCount))];
                    }
                }

                for (var r = 0; r < count; r++)
                {
                    probabilities[(r * classes) + c] = (float)(sums[r] + parameters.Bias[c]);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sums);
        }

        for (var r = 0; r < count; r++)
        {
            var row = probabilities.Slice(r * classes, classes);
            row.CopyTo(scores);
            FromScores(scores, row);
        }
    }

    /// <summary>Platt per tier then ML.NET's one-vs-all normalisation (negative clamped to 0, divided by the sum).</summary>
    public void FromScores(ReadOnlySpan<float> scores, Span<float> probabilities)
    {
        var sum = 0.0;
        for (var c = 0; c < Parameters.Classes; c++)
        {
            var p = (float)(1 / (1 + Math.Exp((Parameters.PlattSlope[c] * scores[c]) + Parameters.PlattOffset[c])));
            if (p >= 0)
            {
                sum += p;
            }
            else if (!float.IsNaN(p))
            {
                p = 0;
            }

            probabilities[c] = p;
        }

        if (sum > 0)
        {
            for (var c = 0; c < Parameters.Classes; c++)
            {
                probabilities[c] = (float)(probabilities[c] / sum);
            }
        }
    }

    /// <summary>The engine's output for one track (its <see cref="ModelOutput.Probabilities"/>).</summary>
    public void Predict(ModelInput input, Span<float> probabilities)
    {
        Span<float> slots = SlotCount <= 512 ? stackalloc float[SlotCount] : new float[SlotCount];
        Featurize(input, slots);
        Probabilities(slots, probabilities);
    }

    /// <summary>
    /// Tier probabilities of a track without genre: the engine's output per known genre, averaged with each genre's
    /// share of the training tracks as weight (as <see cref="Prediction.TierPredictor"/> does).
    /// </summary>
    public void PredictGenreAveraged(ModelInput input, ModelCard card, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(card);
        Span<float> slots = SlotCount <= 512 ? stackalloc float[SlotCount] : new float[SlotCount];
        Span<float> one = stackalloc float[Parameters.Classes];
        Span<double> sum = stackalloc double[Parameters.Classes];
        var weights = 0.0;
        foreach (var (genre, share) in card.GenreShares)
        {
            (_genreSlots.TryGetValue(genre, out var known) ? known : _unknownGenreSlots).CopyTo(slots);
            for (var i = 0; i < _numeric.Length; i++)
            {
                slots[_numericSlots[i]] = _numeric[i].ValueOf(input);
            }

            Probabilities(slots, one);
            for (var c = 0; c < one.Length; c++)
            {
                sum[c] += share * one[c];
            }

            weights += share;
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = (float)(sum[c] / weights);
        }
    }
}
