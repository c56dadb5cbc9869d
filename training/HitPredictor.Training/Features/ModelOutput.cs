using Microsoft.ML.Data;

namespace HitPredictor.Training.Features;

/// <summary>What the model returns for a track: probabilities in <see cref="Tiers.Tier"/> order (they sum to 1).</summary>
public sealed class ModelOutput
{
    [ColumnName("Score")] public float[] Probabilities { get; set; } = [];
}
