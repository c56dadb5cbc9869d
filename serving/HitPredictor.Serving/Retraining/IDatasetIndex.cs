namespace HitPredictor.Serving.Retraining;

/// <summary>Which dataset contents were trained already (<c>models/datasets/{sha256}.json</c>), so a redelivered or renamed upload is not trained twice.</summary>
public interface IDatasetIndex
{
    /// <summary>The marker of this content, or <see langword="null"/> when it was never trained to a final decision.</summary>
    Task<TrainedDataset?> FindAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Writes the marker (replacing any earlier one).</summary>
    Task RecordAsync(TrainedDataset entry, CancellationToken cancellationToken);
}
