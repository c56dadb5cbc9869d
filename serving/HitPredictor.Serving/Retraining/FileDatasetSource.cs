namespace HitPredictor.Serving.Retraining;

/// <summary>A dataset file on disk (<c>hitpredictor retrain --dataset</c>).</summary>
internal sealed class FileDatasetSource(string path) : DatasetSource
{
    public override string Name => Path.GetFileName(path);

    public override Task<long?> GetSizeAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public override Task<Stream> OpenReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
}
