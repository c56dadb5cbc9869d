using HitPredictor.Training.Data;
using HitPredictor.Training.Modeling;
using HitPredictor.Training.Tiers;
using Microsoft.ML;

namespace HitPredictor.Training.Features;

/// <summary>
/// The one ML.NET pipeline from raw track columns to tier probabilities: tier names to keys (in
/// <see cref="Tier"/> order, so probability slots follow it), genre one-hot, numeric features, then the
/// trainer. It is saved inside model.zip, so serving never re-implements feature engineering.
/// </summary>
public static class HitModelPipeline
{
    public const string FeaturesColumn = "Features";
    public const string GenreEncodedColumn = "track_genre_onehot";

    /// <param name="ml">The ML.NET context.</param>
    /// <param name="features">The numeric inputs to use besides genre.</param>
    /// <param name="trainer">The multiclass trainer.</param>
    /// <param name="genreProfiles">Per-genre figures learnt from the training tracks (<see cref="GenreProfile"/>), or null to use genre one-hot only.</param>
    /// <param name="genre">Whether the model reads genre at all; a member of the family trained without it (see
    /// <see cref="Family.FamilyMemberSpec"/>) has only the numeric features in its Features vector.</param>
    public static IEstimator<ITransformer> Build(
        MLContext ml, FeatureSet features, ITrainerSpec trainer, IReadOnlyList<IReadOnlyList<KeyValuePair<string, float>>>? genreProfiles = null,
        bool genre = true)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trainer);

        var tierKeys = ml.Data.LoadFromEnumerable(TierCutoffs.All.Select(t => new TierKey { Label = t.ToString() }));
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: tierKeys);
        List<string> featureColumns = [.. features.Numeric.Select(f => f.Name)];
        if (!genre)
        {
            return pipeline
                .Append(ml.Transforms.Concatenate(FeaturesColumn, [.. featureColumns]))
                .Append(trainer.CreateEstimator(ml, FeaturesColumn));
        }

        pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(GenreEncodedColumn, TrackColumn.Genre));
        featureColumns.Add(GenreEncodedColumn);
        if (genreProfiles is not null)
        {
            for (var i = 0; i < genreProfiles.Count; i++)
            {
                pipeline = pipeline.Append(ml.Transforms.Conversion.MapValue(GenreProfile.Columns[i], genreProfiles[i], TrackColumn.Genre));
                featureColumns.Add(GenreProfile.Columns[i]);
            }
        }

        return pipeline
            .Append(ml.Transforms.Concatenate(FeaturesColumn, [.. featureColumns]))
            .Append(trainer.CreateEstimator(ml, FeaturesColumn));
    }

    private sealed class TierKey
    {
        public string Label { get; set; } = "";
    }
}
