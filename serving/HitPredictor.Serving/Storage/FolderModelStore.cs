using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// The store as a folder, laid out like the blob containers: <c>{root}/{models}/{version}/model.zip|card.json</c>
/// and <c>{root}/{models}/current.json</c>. The pointer's ETag is a hash of its content; replacing it takes an
/// exclusive lock file, so two writers (threads or processes) cannot both win.
/// </summary>
internal sealed class FolderModelStore : IModelStore
{
    private const string LockFileName = "current.json.lock";
    private readonly string _models;

    public FolderModelStore(string root, string modelsContainer = "models")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _models = Path.GetFullPath(Path.Combine(root, modelsContainer));
    }

    public string Description => $"folder {_models}";

    private string PointerPath => Path.Combine(_models, ModelPointer.FileName);

    public async Task<string?> GetCurrentETagAsync(CancellationToken cancellationToken) =>
        (await ReadPointerAsync(cancellationToken))?.ETag;

    public async Task<ModelPointer?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var raw = await ReadPointerAsync(cancellationToken);
        return raw is null ? null : ModelPointer.Parse(raw.Value.Json, raw.Value.ETag);
    }

    public async Task<StoredModel> OpenAsync(string version, CancellationToken cancellationToken)
    {
        var folder = VersionFolder(version);
        var modelPath = Path.Combine(folder, ModelPackage.ModelFileName);
        var cardPath = Path.Combine(folder, ModelPackage.CardFileName);
        if (!File.Exists(modelPath) || !File.Exists(cardPath))
        {
            throw new ModelNotFoundException(
                $"Version '{version}' is not complete in {Description}: it needs {ModelPackage.ModelFileName} and {ModelPackage.CardFileName}.");
        }

        var model = await File.ReadAllBytesAsync(modelPath, cancellationToken);
        var card = await File.ReadAllTextAsync(cardPath, cancellationToken);
        return new StoredModel(version, model, card);
    }

    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_models))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_models))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var version = Path.GetFileName(folder);
            var card = new FileInfo(Path.Combine(folder, ModelPackage.CardFileName));
            if (ModelPointer.IsValidVersion(version) && card.Exists)
            {
                yield return new StoredVersion(version, card.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    public async Task<string> ReadCardAsync(string version, CancellationToken cancellationToken)
    {
        var path = Path.Combine(VersionFolder(version), ModelPackage.CardFileName);
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelNotFoundException($"Version '{version}' has no {ModelPackage.CardFileName} in {Description}.", ex);
        }
    }

    public async Task<bool> PutAsync(string version, ReadOnlyMemory<byte> modelZip, string cardJson, CancellationToken cancellationToken)
    {
        var folder = VersionFolder(version);
        if (Directory.Exists(folder))
        {
            return false;
        }

        // Write beside, then move into place: a reader never sees half a version.
        Directory.CreateDirectory(_models);
        var staging = Path.Combine(_models, $".staging-{version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(staging, ModelPackage.ModelFileName), modelZip, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(staging, ModelPackage.CardFileName), cardJson, cancellationToken);
            Directory.Move(staging, folder);
            return true;
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            return false;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    public async Task<ModelPointer> SetCurrentAsync(string version, string? expectedETag, CancellationToken cancellationToken)
    {
        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ArgumentException($"'{version}' is not a valid version.", nameof(version));
        }

        Directory.CreateDirectory(_models);
        await using var gate = await AcquireLockAsync(cancellationToken);
        var current = await ReadPointerAsync(cancellationToken);
        if (current?.ETag != expectedETag)
        {
            throw new PointerConflictException(
                $"{ModelPointer.FileName} in {Description} changed since it was read (expected ETag {expectedETag ?? "none"}, found {current?.ETag ?? "none"}).");
        }

        var json = ModelPointer.Serialize(version, DateTimeOffset.UtcNow);
        var temporary = PointerPath + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, json, cancellationToken);
        File.Move(temporary, PointerPath, overwrite: true);
        return ModelPointer.Parse(json, ETagOf(json));
    }

    private async Task<(string Json, string ETag)?> ReadPointerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await File.ReadAllTextAsync(PointerPath, cancellationToken);
            return (json, ETagOf(json));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string VersionFolder(string version)
    {
        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ArgumentException($"'{version}' is not a valid version.", nameof(version));
        }

        return Path.Combine(_models, version);
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_models, LockFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 200)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }
    }

    private static string ETagOf(string json) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)).AsSpan(0, 16)) + "\"";
}
