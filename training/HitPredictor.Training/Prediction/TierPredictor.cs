using System.Buffers;
using HitPredictor.Training.Calibration;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Forest;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Scores a validated track through the package's <see cref="ModelFamily"/>: the member that uses the most of what the
/// track gives answers, through its own <see cref="MemberCalibration"/> (calibrated probabilities, the tier its decision
/// rule shows and the prediction set), with the features it reads but the track left out integrated out
/// (<see cref="ModelFamily.Score"/>). A complete track goes through the main model's forest evaluated directly
/// (<see cref="ForestEvaluator"/>: the engine's probabilities to 1e-6 in a fraction of its time; a batch's complete
/// tracks go through each tree together, a block at a time), or its prediction engine when the forest cannot be read. For a package
/// trained before the family, a track without a genre is scored once per genre the model knows and the calibrated
/// distributions are averaged, weighted by each genre's share of the training tracks.
/// </summary>
public static class TierPredictor
{
    /// <summary>Features vectors a batch evaluates at once: enough to share each tree's walk, few enough to stay in cache.</summary>
    private const int RowsPerBlock = 128;

    public static TierPrediction Predict(ModelPackage package, PredictionEngine<ModelInput, ModelOutput> engine, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Predict(engine, package.Family, input);
    }

    public static TierPrediction Predict(PredictionEngine<ModelInput, ModelOutput> engine, ModelFamily family, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(input);

        var choice = family.Choose(input);
        var member = choice.Member;
        if (!family.AcceptsPartialInput && string.IsNullOrEmpty(input.Genre))
        {
            return From(GenreAveraged(engine, family.Card, member.Calibration, input), choice, genreAveraged: true, family.Card.Version);
        }

        var score = member.Evaluator is null
            ? member.Calibration.Apply(engine.Predict(input).Probabilities)
            : family.Score(choice, input);
        return From(score, choice, genreAveraged: false, family.Card.Version);
    }

    /// <summary>
    /// Scores validated tracks in input order, each as <see cref="Predict(PredictionEngine{ModelInput, ModelOutput}, ModelFamily, ModelInput)"/>
    /// does; the complete tracks the main member answers directly are featurized into blocks of up to
    /// <see cref="RowsPerBlock"/> rows and each tree is walked over a whole block, so its nodes stay in cache.
    /// </summary>
    public static TierPrediction[] Predict(
        PredictionEngine<ModelInput, ModelOutput> engine, ModelFamily family, IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new TierPrediction[inputs.Count];
        if (family.Main.Evaluator is not { } evaluator)
        {
            for (var i = 0; i < results.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = Predict(engine, family, inputs[i]);
            }

            return results;
        }

        var slots = evaluator.SlotCount;
        var classes = evaluator.Classes;
        var rows = ArrayPool<float>.Shared.Rent(RowsPerBlock * slots);
        var raw = ArrayPool<float>.Shared.Rent(RowsPerBlock * classes);
        var block = new (int Index, MemberChoice Choice)[Math.Min(RowsPerBlock, inputs.Count)];
        try
        {
            var count = 0;
            for (var i = 0; i < inputs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var input = inputs[i];
                ArgumentNullException.ThrowIfNull(input);
                var choice = family.Choose(input);
                var direct = choice.Member == family.Main && choice.Gaps.Count == 0
                    && (family.AcceptsPartialInput || !string.IsNullOrEmpty(input.Genre));
                if (!direct)
                {
                    results[i] = Predict(engine, family, input);
                    continue;
                }

                evaluator.Featurize(input, rows.AsSpan(count * slots, slots));
                block[count++] = (i, choice);
                if (count == block.Length)
                {
                    ScoreBlock(evaluator, family, rows, raw, block.AsSpan(0, count), results);
                    count = 0;
                }
            }

            ScoreBlock(evaluator, family, rows, raw, block.AsSpan(0, count), results);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(raw);
        }

        return results;
    }

    private static void ScoreBlock(
        ForestEvaluator evaluator, ModelFamily family, float[] rows, float[] raw, ReadOnlySpan<(int Index, MemberChoice Choice)> block,
        TierPrediction[] results)
    {
        if (block.IsEmpty)
        {
            return;
        }

        var classes = evaluator.Classes;
        evaluator.ProbabilitiesOfRows(rows, block.Length, raw);
        for (var r = 0; r < block.Length; r++)
        {
            var (index, choice) = block[r];
            var score = choice.Member.Calibration.Apply(raw.AsSpan(r * classes, classes));
            results[index] = From(score, choice, genreAveraged: false, family.Card.Version);
        }
    }

    private static CalibratedScore GenreAveraged(
        PredictionEngine<ModelInput, ModelOutput> engine, ModelCard card, MemberCalibration calibration, ModelInput input)
    {
        var sum = new double[TierCutoffs.All.Count];
        var weights = 0.0;
        var probe = input.Clone();
        foreach (var (genre, share) in card.GenreShares)
        {
            probe.Genre = genre;
            var probabilities = calibration.Calibrator.Calibrate(engine.Predict(probe).Probabilities);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += share * probabilities[i];
            }

            weights += share;
        }

        return calibration.Decide([.. sum.Select(s => s / weights)]);
    }

    private static TierPrediction From(CalibratedScore score, MemberChoice choice, bool genreAveraged, string version) =>
        new(score.Tier, new TierProbabilityDictionary(score.Probabilities), genreAveraged, version)
        {
            PredictionSet = PredictionSets.For(choice.Member.Calibration.Sets.Level, score.Set),
            Missing = choice.Missing,
            Model = choice.Member.Name,
        };
}
