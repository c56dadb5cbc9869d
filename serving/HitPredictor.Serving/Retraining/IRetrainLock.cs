namespace HitPredictor.Serving.Retraining;

/// <summary>One retraining at a time across every instance (a blob lease on <c>models/retrain.lock</c>, or an exclusive file lock).</summary>
public interface IRetrainLock
{
    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another holder; <see langword="null"/> when it stayed taken.</summary>
    Task<IRetrainLease?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken);
}
