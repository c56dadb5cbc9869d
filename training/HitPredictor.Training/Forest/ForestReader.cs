using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace HitPredictor.Training.Forest;

/// <summary>
/// Reads the trees, weights, biases and Platt parameters of the pipeline's last step (one-vs-all over calibrated
/// FastForest binary models) into <see cref="ForestParameters"/>. ML.NET keeps a one-vs-all model's per-class models
/// internal; they are read by name (<c>SubModelParameters</c>) and anything unexpected makes the read fail with a
/// reason instead of guessing, so a future ML.NET that moves them only turns the evaluator off.
/// </summary>
internal static class ForestReader
{
    public static bool TryRead(ITransformer model, [NotNullWhen(true)] out ForestParameters? parameters, out string reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        parameters = null;
        var last = model is IEnumerable<ITransformer> chain ? chain.LastOrDefault() : model;
        if (last is not MulticlassPredictionTransformer<OneVersusAllModelParameters> ova)
        {
            reason = $"the model's last step is {last?.GetType().Name ?? "missing"}, not a one-versus-all predictor";
            return false;
        }

        var property = typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (property?.GetValue(ova.Model) is not IEnumerable<object> subModels)
        {
            reason = "this ML.NET version does not expose the one-versus-all model's per-class models";
            return false;
        }

        var classes = new List<(TreeEnsemble<QuantileRegressionTree> Trees, PlattCalibrator Platt)>();
        foreach (var sub in subModels)
        {
            var type = sub.GetType();
            var forest = Property<FastForestBinaryModelParameters>(sub, "SubModel");
            var platt = Property<PlattCalibrator>(sub, "Calibrator");
            if (forest is null || platt is null)
            {
                reason = $"a per-class model is {type.Name}, not a Platt-calibrated FastForest";
                return false;
            }

            classes.Add((forest.TrainedTreeEnsemble, platt));
        }

        var treesPerClass = classes.Count == 0 ? 0 : classes[0].Trees.Trees.Count;
        if (treesPerClass == 0 || classes.Any(c => c.Trees.Trees.Count != treesPerClass))
        {
            reason = "the per-class forests differ in size";
            return false;
        }

        parameters = Flatten(classes, treesPerClass);
        reason = "";
        return true;
    }

    private static ForestParameters Flatten(
        List<(TreeEnsemble<QuantileRegressionTree> Trees, PlattCalibrator Platt)> classes, int treesPerClass)
    {
        var roots = new int[classes.Count * treesPerClass];
        List<ForestNode> nodes = [];
        List<int> categoricalStart = [0], categoricalSlots = [];
        List<double> leaf = [];
        for (var c = 0; c < classes.Count; c++)
        {
            var ensemble = classes[c].Trees;
            for (var t = 0; t < treesPerClass; t++)
            {
                var tree = ensemble.Trees[t];
                var weight = ensemble.TreeWeights[t];
                var nodeBase = nodes.Count;
                var leafBase = leaf.Count;
                roots[(c * treesPerClass) + t] = tree.NumberOfNodes == 0 ? ~leafBase : nodeBase;
                for (var n = 0; n < tree.NumberOfNodes; n++)
                {
                    int feature;
                    if (tree.CategoricalSplitFlags[n])
                    {
                        feature = ~(categoricalStart.Count - 1);
                        categoricalSlots.AddRange(tree.GetCategoricalSplitFeaturesAt(n));
                        categoricalStart.Add(categoricalSlots.Count);
                    }
                    else
                    {
                        feature = tree.NumericalSplitFeatureIndexes[n];
                    }

                    nodes.Add(new ForestNode(feature, tree.NumericalSplitThresholds[n],
                        Child(tree.LeftChild[n], nodeBase, leafBase), Child(tree.RightChild[n], nodeBase, leafBase)));
                }

                leaf.AddRange(tree.LeafValues.Select(v => v * weight));
            }
        }

        return new ForestParameters
        {
            Classes = classes.Count,
            TreesPerClass = treesPerClass,
            SlotsRead = Math.Max(nodes.Select(n => n.Feature).DefaultIfEmpty(-1).Max(), categoricalSlots.DefaultIfEmpty(-1).Max()) + 1,
            Roots = roots,
            Nodes = [.. nodes],
            Leaf = [.. leaf],
            CategoricalStart = [.. categoricalStart],
            CategoricalSlots = [.. categoricalSlots],
            Bias = [.. classes.Select(c => c.Trees.Bias)],
            PlattSlope = [.. classes.Select(c => c.Platt.Slope)],
            PlattOffset = [.. classes.Select(c => c.Platt.Offset)],
        };
    }

    /// <summary>A public property by name whose value has type <typeparamref name="T"/> (a calibrated model re-declares its generic base's).</summary>
    private static T? Property<T>(object owner, string name)
        where T : class =>
        owner.GetType().GetProperties().Where(p => p.Name == name).Select(p => p.GetValue(owner)).OfType<T>().FirstOrDefault();

    private static int Child(int child, int nodeBase, int leafBase) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
}
