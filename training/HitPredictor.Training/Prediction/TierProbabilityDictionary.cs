using System.Collections;
using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Tiers;

namespace HitPredictor.Training.Prediction;

/// <summary>
/// A track's calibrated probabilities read as a dictionary from tier name to probability, in <see cref="Tier"/> order,
/// over the calibrated array itself: an answer costs one small object instead of a dictionary of its own. Read-only;
/// the array it wraps must not change after.
/// </summary>
public sealed class TierProbabilityDictionary : IReadOnlyDictionary<string, double>
{
    private static readonly string[] Names = [.. TierCutoffs.All.Select(t => t.ToString())];

    private readonly double[] _probabilities;

    /// <param name="probabilities">One per tier, in <see cref="Tier"/> order.</param>
    public TierProbabilityDictionary(double[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length != Names.Length)
        {
            throw new ArgumentException($"need {Names.Length} probabilities, one per tier, got {probabilities.Length}", nameof(probabilities));
        }

        _probabilities = probabilities;
    }

    public int Count => Names.Length;

    public IEnumerable<string> Keys => Names;

    public IEnumerable<double> Values => _probabilities;

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a tier");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _probabilities[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < Names.Length; i++)
        {
            yield return new KeyValuePair<string, double>(Names[i], _probabilities[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(string key) => Array.IndexOf(Names, key);
}
