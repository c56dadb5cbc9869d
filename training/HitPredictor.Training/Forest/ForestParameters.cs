namespace HitPredictor.Training.Forest;

/// <summary>
/// Every tree of a one-vs-all forest in flat arrays. Node <c>n</c> (<see cref="Nodes"/>[n], its four fields in one
/// 16-byte record so a step of the walk reads one cache line) splits on slot <see cref="ForestNode.Feature"/> at
/// <see cref="ForestNode.Threshold"/> (value &lt;= threshold goes left), or, when the feature is negative, on the
/// categorical slot set <c>~Feature</c> (any slot of the set above 0 goes right). A child below 0 is the leaf
/// <c>~child</c>. Tree <c>t</c> of class <c>c</c> starts at <see cref="Roots"/>[c * TreesPerClass + t].
/// </summary>
internal sealed class ForestParameters
{
    public required int Classes { get; init; }

    public required int TreesPerClass { get; init; }

    /// <summary>One more than the highest Features slot any split reads.</summary>
    public required int SlotsRead { get; init; }

    public required int[] Roots { get; init; }

    public required ForestNode[] Nodes { get; init; }

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
        var nodes = Nodes;
        while (node >= 0)
        {
            ref readonly var split = ref nodes[node];
            var f = split.Feature;
            if (f >= 0)
            {
                node = slots[f] <= split.Threshold ? split.Left : split.Right;
            }
            else
            {
                node = AnyPositive(~f, slots) ? split.Right : split.Left;
            }
        }

        return ~node;
    }

    /// <summary>Whether a categorical split sends the vector right (to its greater-than child).</summary>
    public bool GoesRight(int node, ReadOnlySpan<float> slots)
    {
        ref readonly var split = ref Nodes[node];
        return split.Feature >= 0 ? !(slots[split.Feature] <= split.Threshold) : AnyPositive(~split.Feature, slots);
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

/// <summary>One split of a tree: the slot (or <c>~categorical set</c>) it reads, its threshold, and its two children.</summary>
internal readonly record struct ForestNode(int Feature, float Threshold, int Left, int Right);
