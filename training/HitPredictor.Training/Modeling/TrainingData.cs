using HitPredictor.Training.Data;
using HitPredictor.Training.Features;
using HitPredictor.Training.Hygiene;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Training.Modeling;

/// <summary>A dataset read and cleaned for training, with what it is (name, hash, size) and what reading it rejected.</summary>
public sealed record TrainingData(DatasetInfo Dataset, TrackReadResult Read, CleanDataset Clean)
{
    /// <summary>Hashes, reads and cleans a dataset file: the first half of every training run.</summary>
    public static async Task<TrainingData> LoadAsync(
        string path, FeatureSet features, HygieneOptions hygiene, CancellationToken cancellationToken = default)
    {
        var sha256 = await DatasetHasher.Sha256Async(path, cancellationToken).ConfigureAwait(false);
        await using var stream = File.OpenRead(path);
        return Load(stream, new DatasetInfo(Path.GetFileName(path), sha256, stream.Length), features, hygiene, cancellationToken);
    }

    /// <summary>Reads and cleans a dataset stream whose identity is already known.</summary>
    public static TrainingData Load(
        Stream stream, DatasetInfo dataset, FeatureSet features, HygieneOptions hygiene, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        var read = new TrackCsvReader(TrackCsvReaderOptions.ForTraining(features.Numeric.Select(f => f.Name))).Read(stream, cancellationToken);
        return new TrainingData(dataset, read, DatasetCleaner.Clean(read, features, hygiene));
    }
}
