namespace HitPredictor.Training.Forest;

/// <summary>
/// Every tree of a one-vs-all forest in flat arrays. Node <c>n</c> splits on slot <see cref="Feature"/>[n] at
/// <see cref="Threshold"/>[n] (value &lt;= threshold goes left), or, when <see cref="Feature"/>[n] is negative, on
/// the categorical slot set <c>~Feature[n]</c> (any slot of the set above 0 goes right). A child below 0 is the leaf
/// <c>~child</c>. Tree <c>t</c> of class <c>c</c> starts at <see cref="Roots"/>[c * TreesPerClass + t].
/// </summary>
internal sealed class ForestParameters
{
    public required int Classes { get; init; }

    public required int TreesPerClass { get; init; }

    /// <summary>One more than the highest Features slot any split reads.</summary>
    public required int SlotsRead { get; init; }

    public required int[] Roots { get; init; }

    public required int[] Feature { get; init; }

    public required float[] Threshold { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    /// <summary>Leaf outputs, each already multiplied by its tree's weight.</summary>
    public required double[] Leaf { get; init; }

    /// <summary>Slot sets of categorical splits: set <c>k</c> is <see cref="CategoricalSlots"/>[CategoricalStart[k] .. CategoricalStart[k+1]].</summary>
    public required int[] CategoricalStart { get; init; }

    public required int[] CategoricalSlots { get; init; }

    public required double[] Bias { get; init; }

    public required double[] PlattSlope { get; init; }

    public required double[] PlattOffset { get; init; }

    /// <summary>The leaf a Features vector reaches in the tree starting at <paramref name="root"/>.</summary>
    public int LeafOf(int root, ReadOnlySpan<float> slots)
    {
        var node = root;
        var feature = Feature;
        var threshold = Threshold;
        var left = Left;
        var right = Right;
        while (node >= 0)
        {
            var f = feature[node];
            if (f >= 0)
            {
                node = slots[f] <= threshold[node] ? left[node] : right[node];
            }
            else
            {
                node = AnyPositive(~f, slots) ? right[node] : left[node];
            }
        }

        return ~node;
    }

    /// <summary>Whether a categorical split sends the vector right (to its greater-than child).</summary>
    public bool GoesRight(int node, ReadOnlySpan<float> slots)
    {
        var f = Feature[node];
        return f >= 0 ? !(slots[f] <= Threshold[node]) : AnyPositive(~f, slots);
    }

    /// <summary>Class <paramref name="c"/>'s raw score: the bias plus the sum of its trees' leaf outputs.</summary>
    public double Score(int c, ReadOnlySpan<float> slots)
    {
        var output = 0.0;
        var first = c * TreesPerClass;
        for (var t = 0; t < TreesPerClass; t++)
        {
            output += Leaf[LeafOf(Roots[first + t], slots)];
        }

        return output + Bias[c];
    }

    private bool AnyPositive(int set, ReadOnlySpan<float> slots)
    {
        for (var i = CategoricalStart[set]; i < CategoricalStart[set + 1]; i++)
        {
            if (slots[CategoricalSlots[i]] > 0)
            {
                return true;
            }
        }

        return false;
    }
}
