namespace HitPredictor.Serving.Retraining;

/// <summary>
/// The lock as an exclusive open of <c>{root}/{models}/retrain.lock</c> (an OS file lock: released by the OS if the
/// process dies). The file stays in place; deleting it on close would let two waiters lock two different files.
/// </summary>
internal sealed class FolderRetrainLock(string root, string modelsContainer, TimeProvider time) : IRetrainLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly string _path = Path.GetFullPath(Path.Combine(root, modelsContainer, "retrain.lock"));

    public async Task<IRetrainLease?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            try
            {
                return new Lease(new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private sealed class Lease(FileStream file) : IRetrainLease
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
