using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using HitPredictor.Training.Data;
using HitPredictor.Training.Family;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// Reads one track from a JSON object with the dataset's field names, which are also those of Spotify's
/// audio-features objects, so such an object can be sent as it is (fields the model does not use, such as
/// <c>id</c>, <c>uri</c> or <c>type</c>, are ignored). Every field is checked for presence, type and range by the
/// track schema (<see cref="TrackColumn"/>, <see cref="GenreField"/>), and every problem is reported, not just the
/// first. Ambiguity is refused: a key sent twice, text that is not valid Unicode, <c>genre</c> and
/// <c>track_genre</c> disagreeing. <c>explicit</c> may be left out (it is not in an audio-features object); it then
/// counts as false. Under a package with a model family (<see cref="ModelFamily.AcceptsPartialInput"/>) genre and every
/// feature may be left out (absent or null: unknown, <see cref="float.NaN"/> in the input), as long as one of them is
/// given; under an older package every feature the model reads is required.
/// </summary>
public static class TrackJson
{
    public const string GenreField = Data.GenreField.Name;

    /// <summary>Longest number accepted, in characters as written (a double needs at most about 25).</summary>
    public const int MaxNumberLength = 64;

    /// <summary>Each card's feature set, worked out once per loaded model rather than once per track.</summary>
    private static readonly ConditionalWeakTable<ModelCard, FeatureSet> FeaturesOf = new();

    /// <summary>The inputs a track may give, as the error for a track that gives none lists them.</summary>
    public static string InputNames { get; } = string.Join(", ", [GenreField, .. ModelFamily.Knowable.Select(f => f.Name)]);

    /// <summary>
    /// Reads a track for <paramref name="family"/>. <paramref name="path"/> prefixes field paths in errors (<c>tracks[2]</c>, or empty).
    /// Returns <see langword="null"/> when any field is bad; the errors are added to <paramref name="errors"/>.
    /// </summary>
    public static ModelInput? Read(JsonElement element, string path, ModelFamily family, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(family);
        var card = family.Card;
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = path.Length == 0 ? "" : path + ".";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path.Length == 0 ? "$" : path, $"must be a JSON object with the track's features, got {Describe(element.ValueKind)}"));
            return null;
        }

        var before = errors.Count;
        CheckMembers(element, path, prefix, errors);
        if (errors.Count > before)
        {
            return null;
        }

        var input = new ModelInput();
        var used = FeaturesOf.GetValue(card, c => FeatureSet.FromNames(c.Features)).Numeric;
        var given = 0;
        foreach (var feature in NumericFeature.All)
        {
            // Spotify's audio-features objects have no `explicit` (it is on the track object): absent means not explicit.
            var required = used.Contains(feature) && feature != NumericFeature.Explicit && !family.AcceptsPartialInput;
            if (!element.TryGetProperty(feature.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    errors.Add(new FieldError(prefix + feature.Name, $"is required ({feature.Column.Expected})"));
                }

                if (feature != NumericFeature.Explicit)
                {
                    feature.Set(input, float.NaN);
                }

                continue;
            }

            given += feature == NumericFeature.Explicit ? 0 : 1;

            if (TryNumber(feature.Column, value, out var number, out var problem))
            {
                feature.Set(input, (float)number);
            }
            else
            {
                errors.Add(new FieldError(prefix + feature.Name, problem));
            }
        }

        input.Genre = ReadGenre(element, prefix, card, errors) ?? "";
        if (errors.Count == before && given == 0 && input.Genre.Length == 0)
        {
            errors.Add(new FieldError(path.Length == 0 ? "$" : path, $"gives none of the track's inputs: give at least one of {InputNames} (the more, the sharper the answer)"));
        }

        return errors.Count == before ? input : null;
    }

    /// <summary>
    /// Checks that every member of the object <paramref name="element"/> is there once, with a name and (for text) a
    /// value that are valid Unicode; each problem is added to <paramref name="errors"/> under <paramref name="path"/>.
    /// </summary>
    public static void CheckMembers(JsonElement element, string path, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (element.ValueKind == JsonValueKind.Object)
        {
            CheckMembers(element, path, path.Length == 0 ? "" : path + ".", errors);
        }
    }

    private static void CheckMembers(JsonElement element, string path, string prefix, ICollection<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!TryName(property, out var name))
            {
                errors.Add(new FieldError(path.Length == 0 ? "$" : path,
                    "has a field name that is not valid Unicode (an unpaired surrogate such as \\ud800)"));
                continue;
            }

            if (!seen.Add(name))
            {
                if (repeated.Add(name))
                {
                    errors.Add(new FieldError(prefix + Echo.Text(name), "appears more than once; send each field once"));
                }

                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.String && !TryText(property.Value, out _))
            {
                errors.Add(new FieldError(prefix + Echo.Text(name), "is not valid Unicode text (an unpaired surrogate such as \\ud800)"));
            }
        }
    }

    private static string? ReadGenre(JsonElement element, string prefix, ModelCard card, ICollection<FieldError> errors)
    {
        var hasName = element.TryGetProperty(GenreField, out var byName) && byName.ValueKind != JsonValueKind.Null;
        var hasAlias = element.TryGetProperty(Data.GenreField.Alias, out var byAlias) && byAlias.ValueKind != JsonValueKind.Null;
        if (hasName && hasAlias && !SameGenre(byName, byAlias))
        {
            errors.Add(new FieldError(prefix + GenreField,
                $"disagrees with {Data.GenreField.Alias} ({Describe(byName)} and {Describe(byAlias)}); send one of them"));
            return null;
        }

        if (!hasName && !hasAlias)
        {
            return null;
        }

        var (name, genre) = hasName ? (GenreField, byName) : (Data.GenreField.Alias, byAlias);
        if (genre.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(prefix + name, $"must be a genre name (text), got {Describe(genre.ValueKind)}"));
            return null;
        }

        var known = Data.GenreField.Resolve(genre.GetString()!, card.Genres, out var problem);
        if (known is null)
        {
            errors.Add(new FieldError(prefix + name, problem));
        }

        return known;
    }

    private static bool SameGenre(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String
        && string.Equals(a.GetString()!.Trim(), b.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool TryNumber(TrackColumn column, JsonElement value, out double number, out string problem)
    {
        problem = "";
        number = double.NaN;
        if (column.Kind == TrackValueKind.Flag && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            number = value.ValueKind == JsonValueKind.True ? 1 : 0;
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && JsonMarshal.GetRawUtf8Value(value).Length > MaxNumberLength)
        {
            problem = $"must be a number ({column.Expected}), got one written with {JsonMarshal.GetRawUtf8Value(value).Length:N0} characters (at most {MaxNumberLength})";
            return false;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out number) || !double.IsFinite(number))
        {
            problem = column.Kind == TrackValueKind.Flag
                ? $"must be {column.Expected}, got {Describe(value)}"
                : $"must be a number ({column.Expected}), got {Describe(value)}";
            return false;
        }

        problem = column.Check(number) ?? "";
        return problem.Length == 0;
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryText(value, out var text) ? $"text \"{Echo.Text(text)}\"" : "text that is not valid Unicode",
        JsonValueKind.Number => Echo.Text(value.GetRawText()),
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
}
