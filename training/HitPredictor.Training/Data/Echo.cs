namespace HitPredictor.Training.Data;

/// <summary>How much of a caller's input an error message repeats: enough to recognise it, never the whole of a huge value.</summary>
public static class Echo
{
    /// <summary>Longest piece of input repeated in a message.</summary>
    public const int MaxLength = 40;

    /// <summary>
    /// <paramref name="text"/> as messages quote it: at most <see cref="MaxLength"/> characters, then "..." (never
    /// cutting a surrogate pair in two, which could not be written as JSON).
    /// </summary>
    public static string Text(ReadOnlySpan<char> text)
    {
        if (text.Length <= MaxLength)
        {
            return text.ToString();
        }

        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return string.Concat(text[..cut], "...");
    }
}
