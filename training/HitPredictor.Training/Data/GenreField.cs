using HitPredictor.Training.Prediction;

namespace HitPredictor.Training.Data;

/// <summary>
/// The genre field of a track, the one rule for every door: its names (<c>genre</c>, or the dataset's
/// <c>track_genre</c>), its length cap, and how a name is matched against the genres a model knows. Optional:
/// empty or left out, the probabilities are averaged over every genre.
/// </summary>
public static class GenreField
{
    /// <summary>The name in a JSON body and on the page.</summary>
    public const string Name = "genre";

    /// <summary>The dataset's name, accepted as an alias.</summary>
    public const string Alias = TrackColumn.Genre;

    /// <summary>Longest genre name accepted (the longest known is 17 characters). Checked before any matching.</summary>
    public const int MaxLength = 100;

    public const string Label = "Genre";

    public const string Help = "A genre the model knows (its card lists them); left out or empty, the track is scored by the model trained without genre.";

    /// <summary>
    /// Matches <paramref name="text"/> (trimmed, any case) against <paramref name="known"/>. Returns the known
    /// spelling, "" for an empty name, or <see langword="null"/> with <paramref name="problem"/> saying why
    /// (too long, or unknown with the three closest names).
    /// </summary>
    public static string? Resolve(string text, IReadOnlyCollection<string> known, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(known);
        problem = "";
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return "";
        }

        if (trimmed.Length > MaxLength)
        {
            problem = $"is {trimmed.Length:N0} characters long; a genre name has at most {MaxLength}";
            return null;
        }

        var match = known.FirstOrDefault(g => string.Equals(g, trimmed, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            problem = $"'{Echo.Text(trimmed)}' is not a genre the model knows; closest: {string.Join(", ", GenreMatcher.Closest(trimmed, known, 3))} " +
                "(leave genre out to score without it)";
        }

        return match;
    }
}
