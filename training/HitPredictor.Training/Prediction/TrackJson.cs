using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Reads one track from a JSON object with the dataset's field names, which are also those of Spotify's
/// audio-features objects, so such an object can be sent as it is (fields the model does not use, such as
/// <c>id</c>, <c>uri</c> or <c>type</c>, are ignored). Every field is checked for presence, type and range,
/// and every problem is reported, not just the first. <c>explicit</c> may be left out (it is not in an
/// audio-features object); it then counts as false.
/// </summary>
public static class TrackJson
{
    public const string GenreField = "genre";

    /// <summary>Below this many milliseconds a duration is taken for seconds or minutes sent by mistake.</summary>
    private const double ShortestDurationMs = 1_000;

    private static readonly Dictionary<string, TrackColumn> Limits = new(StringComparer.Ordinal)
    {
        [TrackColumn.DurationMs.Name] = TrackColumn.DurationMs,
        [TrackColumn.Loudness.Name] = TrackColumn.Loudness,
        [TrackColumn.Tempo.Name] = TrackColumn.Tempo,
        [TrackColumn.Key.Name] = TrackColumn.Key,
        [TrackColumn.Mode.Name] = TrackColumn.Mode,
        [TrackColumn.TimeSignature.Name] = TrackColumn.TimeSignature,
    };

    /// <summary>Each card's feature set, worked out once per loaded model rather than once per track.</summary>
    private static readonly ConditionalWeakTable<ModelCard, FeatureSet> FeaturesOf = new();

    /// <summary>The longest track the API scores: one hour.</summary>
    public const double LongestDurationMs = 3_600_000;

    /// <summary>
    /// Reads a track. <paramref name="path"/> prefixes field paths in errors (<c>tracks[2]</c>, or empty).
    /// Returns <see langword="null"/> when any field is bad; the errors are added to <paramref name="errors"/>.
    /// </summary>
    public static ModelInput? Read(JsonElement element, string path, ModelCard card, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = path.Length == 0 ? "" : path + ".";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path.Length == 0 ? "$" : path, $"must be a JSON object with the track's features, got {Describe(element.ValueKind)}"));
            return null;
        }

        var before = errors.Count;
        var input = new ModelInput();
        var used = FeaturesOf.GetValue(card, c => FeatureSet.FromNames(c.Features)).Numeric;
        foreach (var feature in NumericFeature.All)
        {
            // Spotify's audio-features objects have no `explicit` (it is on the track object): absent means not explicit.
            var required = used.Contains(feature) && feature != NumericFeature.Explicit;
            if (!element.TryGetProperty(feature.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    errors.Add(new FieldError(prefix + feature.Name, $"is required ({Expected(feature.Column)})"));
                }

                continue;
            }

            if (TryNumber(feature.Column, value, out var number, out var problem) && TryRange(feature.Column, number, out problem))
            {
                feature.Set(input, (float)number);
            }
            else
            {
                errors.Add(new FieldError(prefix + feature.Name, problem));
            }
        }

        input.Genre = ReadGenre(element, prefix, card, errors) ?? "";
        return errors.Count == before ? input : null;
    }

    private static string? ReadGenre(JsonElement element, string prefix, ModelCard card, ICollection<FieldError> errors)
    {
        var name = element.TryGetProperty(GenreField, out var genre) ? GenreField
            : element.TryGetProperty(TrackColumn.Genre, out genre) ? TrackColumn.Genre
            : null;
        if (name is null || genre.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (genre.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(prefix + name, $"must be a genre name (text), got {Describe(genre.ValueKind)}"));
            return null;
        }

        var text = genre.GetString()!.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var known = card.Genres.FirstOrDefault(g => string.Equals(g, text, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            var closest = GenreMatcher.Closest(text, card.Genres, 3);
            errors.Add(new FieldError(prefix + name,
                $"'{text}' is not a genre the model knows; closest: {string.Join(", ", closest)} (leave genre out to average over all genres)"));
        }

        return known;
    }

    private static bool TryNumber(TrackColumn column, JsonElement value, out double number, out string problem)
    {
        problem = "";
        number = double.NaN;
        if (column == TrackColumn.Explicit && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            number = value.ValueKind == JsonValueKind.True ? 1 : 0;
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out number) || !double.IsFinite(number))
        {
            problem = $"must be a number ({Expected(column)}), got {Describe(value)}";
            return false;
        }

        if (column.Integral && number != Math.Floor(number))
        {
            problem = $"must be a whole number ({Expected(column)}), got {Format(number)}";
            return false;
        }

        return true;
    }

    private static bool TryRange(TrackColumn column, double number, out string problem)
    {
        problem = "";
        if (column == TrackColumn.DurationMs)
        {
            if (number is > 0 and < ShortestDurationMs)
            {
                var hint = number < 60
                    ? $"{Format(number)} looks like minutes: send {Format(Math.Round(number * 60_000))}"
                    : $"{Format(number)} looks like seconds: send {Format(Math.Round(number * 1_000))}";
                problem = $"must be in milliseconds, 1,000 to 3,600,000 ms; {hint}";
                return false;
            }

            if (number is <= 0 or > LongestDurationMs)
            {
                problem = $"must be 1,000 to 3,600,000 ms, got {Format(number)}";
                return false;
            }

            return true;
        }

        if (!column.InRange(number))
        {
            problem = $"must be {Expected(column)}, got {Format(number)}";
            return false;
        }

        return true;
    }

    private static string Expected(TrackColumn column) =>
        column == TrackColumn.Explicit ? "true/false or 1/0"
        : column == TrackColumn.DurationMs ? "1,000 to 3,600,000 ms"
        : Limits.ContainsKey(column.Name) || column.Integral ? column.RangeText
        : "0 to 1";

    private static string Format(double number) => number.ToString("G", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => value.GetRawText(),
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
