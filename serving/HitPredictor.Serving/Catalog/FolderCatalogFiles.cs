using System.Runtime.CompilerServices;

namespace HitPredictor.Serving.Catalog;

/// <summary>Catalog files under a folder: a container is a sub-folder; a write goes to a temporary file that is then renamed over the target.</summary>
internal sealed class FolderCatalogFiles(string root) : ICatalogFiles
{
    public string Description => Path.GetFullPath(root);

    public Task<long?> GetSizeAsync(string container, string name, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(container, name));
        return Task.FromResult<long?>(file.Exists ? file.Length : null);
    }

    public Task<Stream> OpenReadAsync(string container, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(container, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));

    public async Task WriteAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = PathOf(container, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<bool> TryCreateAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = PathOf(container, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temporary, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = PathOf(container, prefix);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var containerRoot = PathOf(container, "");
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                yield return Path.GetRelativePath(containerRoot, file).Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private string PathOf(string container, string name) =>
        Path.Combine(root, container, name.Replace('/', Path.DirectorySeparatorChar));
}
