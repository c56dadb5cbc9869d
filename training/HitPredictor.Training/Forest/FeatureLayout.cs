using System.Diagnostics.CodeAnalysis;
using HitPredictor.Training.Features;
using HitPredictor.Training.Packaging;
using HitPredictor.Training.Tiers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HitPredictor.Training.Forest;

/// <summary>
/// Where each input lands in the model's Features vector, read from the model: the vector's slot names give the
/// numeric slots and the genre one-hot's keys (<c>track_genre_onehot.{genre}</c>); running the model's own
/// featurization once per genre gives every genre-dependent slot (one-hot and profile figures). A track's vector is
/// then its genre's slots with the numeric slots written in.
/// </summary>
internal sealed class FeatureLayout
{
    private const string SlotNamesKind = "SlotNames";

    public required int SlotCount { get; init; }

    public required IReadOnlyList<string> SlotNames { get; init; }

    public required IReadOnlyList<(NumericFeature Feature, int Slot)> Numeric { get; init; }

    /// <summary>Per known genre, the whole vector with the numeric slots at 0.</summary>
    public required IReadOnlyDictionary<string, float[]> GenreSlots { get; init; }

    public required float[] UnknownGenreSlots { get; init; }

    /// <summary>Slots that depend on genre only (one-hot and profile), the ones an explanation counts as one feature.</summary>
    public required IReadOnlyList<int> GenreDependentSlots { get; init; }

    public static bool TryRead(ModelPackage package, int slotsRead, [NotNullWhen(true)] out FeatureLayout? layout, out string reason)
    {
        layout = null;
        var ml = new MLContext(seed: 0);
        var probeSchema = package.Model.GetOutputSchema(package.InputSchema);
        var features = probeSchema.GetColumnOrNull(HitModelPipeline.FeaturesColumn);
        var score = probeSchema.GetColumnOrNull("Score");
        if (features is not { Type: VectorDataViewType { Size: > 0 } vector } || score is null)
        {
            reason = "the model has no fixed-size Features column";
            return false;
        }

        var slotCount = vector.Size;
        if (slotsRead > slotCount)
        {
            reason = $"the forest reads slot {slotsRead - 1} but Features has {slotCount}";
            return false;
        }

        if (!TierOrderMatches(score.Value, out reason))
        {
            return false;
        }

        var names = SlotNamesOf(features.Value);
        if (names.Length != slotCount)
        {
            reason = "the Features column has no slot names";
            return false;
        }

        var featureSet = FeatureSet.FromNames(package.Card.Features);
        var numeric = new List<(NumericFeature, int)>();
        foreach (var feature in featureSet.Numeric)
        {
            var slot = Array.IndexOf(names, feature.Name);
            if (slot < 0)
            {
                reason = $"no Features slot is named '{feature.Name}'";
                return false;
            }

            numeric.Add((feature, slot));
        }

        var prefix = HitModelPipeline.GenreEncodedColumn + ".";
        var genres = names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..]).ToArray();
        var rows = genres.Append("").Select(g => new ModelInput { Genre = g }).ToList();
        var probe = new ModelInput { Genre = genres.FirstOrDefault() ?? "" };
        foreach (var (feature, slot) in numeric)
        {
            feature.Set(probe, slot + 1.5f);
        }

        rows.Add(probe);
        var vectors = Featurize(ml, package, rows);
        var identity = numeric.All(n => vectors[^1][n.Item2] == n.Item2 + 1.5f);
        if (!identity)
        {
            reason = "a numeric feature is transformed before the forest";
            return false;
        }

        var numericSlots = numeric.Select(n => n.Item2).ToHashSet();
        layout = new FeatureLayout
        {
            SlotCount = slotCount,
            SlotNames = names,
            Numeric = numeric,
            GenreSlots = genres.Select((g, i) => (g, vectors[i])).ToDictionary(p => p.g, p => p.Item2, StringComparer.Ordinal),
            UnknownGenreSlots = vectors[genres.Length],
            GenreDependentSlots = [.. Enumerable.Range(0, slotCount).Where(s => !numericSlots.Contains(s))],
        };
        reason = "";
        return true;
    }

    private static bool TierOrderMatches(DataViewSchema.Column score, out string reason)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        if (score.Annotations.Schema.GetColumnOrNull(SlotNamesKind) is null)
        {
            reason = "the Score column does not name its tiers";
            return false;
        }

        score.Annotations.GetValue(SlotNamesKind, ref names);
        var tiers = names.DenseValues().Select(n => n.ToString()).ToArray();
        var expected = TierCutoffs.All.Select(t => t.ToString()).ToArray();
        if (!tiers.SequenceEqual(expected))
        {
            reason = $"the model's tiers are [{string.Join(", ", tiers)}], not [{string.Join(", ", expected)}]";
            return false;
        }

        reason = "";
        return true;
    }

    private static string[] SlotNamesOf(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(SlotNamesKind) is null)
        {
            return [];
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue(SlotNamesKind, ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private static List<float[]> Featurize(MLContext ml, ModelPackage package, IReadOnlyList<ModelInput> rows)
    {
        var output = package.Model.Transform(ml.Data.LoadFromEnumerable(rows, package.InputSchema));
        var column = output.Schema[HitModelPipeline.FeaturesColumn];
        var vectors = new List<float[]>(rows.Count);
        using var cursor = output.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            vectors.Add(value.DenseValues().ToArray());
        }

        return vectors;
    }
}
