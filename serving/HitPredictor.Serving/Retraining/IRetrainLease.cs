namespace HitPredictor.Serving.Retraining;

/// <summary>A held retraining lock, released on dispose.</summary>
public interface IRetrainLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lock was lost (a renewal failed): the run must stop before it promotes.</summary>
    CancellationToken Lost { get; }
}
