using System.Text.Json;

namespace HitPredictor.Serving.Retraining;

/// <summary>Markers as files: <c>{root}/{models}/datasets/{sha256}.json</c>, written beside and moved into place.</summary>
internal sealed class FolderDatasetIndex(string root, string modelsContainer) : IDatasetIndex
{
    private readonly string _folder = Path.GetFullPath(Path.Combine(root, modelsContainer, DatasetIndexPaths.Folder));

    public async Task<TrainedDataset?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var json = await File.ReadAllTextAsync(Path.Combine(_folder, DatasetIndexPaths.FileName(sha256)), cancellationToken);
            return JsonSerializer.Deserialize<TrainedDataset>(json, RetrainReportJson.Options);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task RecordAsync(TrainedDataset entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, DatasetIndexPaths.FileName(entry.Sha256));
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(entry, RetrainReportJson.Options), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
