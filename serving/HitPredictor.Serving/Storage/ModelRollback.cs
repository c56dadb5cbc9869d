using System.Globalization;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Retraining;

namespace HitPredictor.Serving.Storage;

/// <summary>What a rollback did; <see cref="Record"/> is where it was recorded (null when the version was already live).</summary>
public sealed record RollbackOutcome(string Version, string? PreviousVersion, ModelPointer Current, string? Record)
{
    /// <summary>Why the pointer that was replaced could not be read, when it could not; <see langword="null"/> otherwise.</summary>
    public string? ReplacedUnreadablePointer { get; init; }
}

/// <summary>
/// Makes a version the store already holds live again, through <see cref="ModelPromoter"/> as publishing does: the
/// version must be in the store and load and validate as the service will load it; the rollback is recorded in the
/// reports (<c>reports/_rollbacks/{run}.json</c>) before <c>current.json</c> moves, on the ETag read, so it never moves
/// unrecorded and never over another writer's move (that record then says conflict).
/// </summary>
public static class ModelRollback
{
    /// <exception cref="ModelNotFoundException">The version is not a version name, or the store does not hold it whole.</exception>
    /// <exception cref="ModelValidationException">The stored version would not load.</exception>
    /// <exception cref="PointerConflictException">Another writer moved the pointer first; the record says so, the pointer was not moved.</exception>
    public static async Task<RollbackOutcome> RollBackAsync(
        IModelStore store, IReportStore reports, string version, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(time);
        if (!ModelPointer.IsValidVersion(version))
        {
            throw new ModelNotFoundException($"'{version}' is not a version name (letters, digits, '-', '_' and '.').");
        }

        ModelPromoter.Validate(await store.OpenAsync(version, cancellationToken));
        var (current, expectedETag, unreadable) = await ModelPromoter.ReadPointerAsync(store, cancellationToken);
        if (current?.Version == version)
        {
            return new RollbackOutcome(version, version, current, null);
        }

        var at = time.GetUtcNow();
        var record = new RollbackRecord(
            string.Create(CultureInfo.InvariantCulture, $"{at:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}")[..26],
            version, current?.Version, at, store.Description, RollbackRecord.RolledBack);
        var location = reports.LocateRollback(record.RunId);
        try
        {
            var pointer = await ModelPromoter.MovePointerAsync(store, version, expectedETag, ct => reports.WriteRollbackAsync(record, ct), cancellationToken);
            return new RollbackOutcome(version, current?.Version, pointer, location) { ReplacedUnreadablePointer = unreadable };
        }
        catch (PointerConflictException)
        {
            await reports.WriteRollbackAsync(record with { Outcome = RollbackRecord.Conflict }, cancellationToken);
            throw;
        }
    }
}
