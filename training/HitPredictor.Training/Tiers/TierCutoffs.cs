using System.Globalization;

namespace HitPredictor.Training.Tiers;

/// <summary>
/// Popularity cut-offs (0-100) between tiers: Viral at or above <see cref="Viral"/>, Hit at or above
/// <see cref="Hit"/>, Mid at or above <see cref="Mid"/>, Flop below. Defaults 70, 50, 30.
/// </summary>
public sealed record TierCutoffs(int Viral = 70, int Hit = 50, int Mid = 30)
{
    public static TierCutoffs Default { get; } = new();

    public static IReadOnlyList<Tier> All { get; } = Enum.GetValues<Tier>();

    /// <summary>Every problem with these cut-offs; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { ("viral", Viral), ("hit", Hit), ("mid", Mid) })
        {
            if (value is < 1 or > 100)
            {
                errors.Add($"{name} cut-off must be 1-100, got {value}");
            }
        }

        if (!(Viral > Hit && Hit > Mid))
        {
            errors.Add($"cut-offs must be strictly decreasing (viral > hit > mid), got {this}");
        }

        return errors;
    }

    public Tier Classify(int popularity) =>
        popularity >= Viral ? Tier.Viral
        : popularity >= Hit ? Tier.Hit
        : popularity >= Mid ? Tier.Mid
        : Tier.Flop;

    /// <summary>Parses <c>70,50,30</c>.</summary>
    public static bool TryParse(string text, out TierCutoffs cutoffs, out string error)
    {
        cutoffs = Default;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        if (parts.Length != 3 || parts.Where((p, i) => !int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).Any())
        {
            error = $"cut-offs must be three whole numbers like 70,50,30, got '{text}'";
            return false;
        }

        var candidate = new TierCutoffs(values[0], values[1], values[2]);
        var problems = candidate.Validate();
        error = string.Join("; ", problems);
        if (problems.Count > 0)
        {
            return false;
        }

        cutoffs = candidate;
        return true;
    }

    public override string ToString() => FormattableString.Invariant($"{Viral},{Hit},{Mid}");
}
