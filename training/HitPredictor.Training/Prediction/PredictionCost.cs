using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// What scoring a track costs, in model predictions: one for a track with a genre, one per genre the model knows for a
/// track without (<see cref="TierPredictor"/> averages over them). The one rule for budgets and for the scorer.
/// </summary>
public static class PredictionCost
{
    /// <summary>Whether <paramref name="input"/> is scored once per known genre.</summary>
    public static bool IsGenreAveraged(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return string.IsNullOrEmpty(input.Genre);
    }

    /// <summary>Predictions one genre-less track costs under <paramref name="card"/> (at least one).</summary>
    public static int PerGenreLessTrack(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Math.Max(1, card.GenreShares.Count);
    }

    /// <summary>
    /// Predictions scoring every one of <paramref name="inputs"/> costs under <paramref name="card"/>, plus
    /// <paramref name="perExplanation"/> for each track explained (those with a genre, when explanations are asked for).
    /// </summary>
    public static long Of(IEnumerable<ModelInput> inputs, ModelCard card, int perExplanation = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var perGenreLess = PerGenreLessTrack(card);
        return inputs.Sum(input => IsGenreAveraged(input) ? (long)perGenreLess : 1L + perExplanation);
    }
}
