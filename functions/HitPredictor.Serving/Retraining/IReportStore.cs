using HitPredictor.Reporting;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Where retraining reports go: <c>reports/{dataset}/{run}.json</c> and the model section under <c>reports/{dataset}/{run}/</c>;
/// and the records of rollbacks, <c>reports/_rollbacks/{run}.json</c>.
/// </summary>
public interface IReportStore
{
    /// <summary>Where the report of a run is (or will be), as a store path or URI; no secrets.</summary>
    string Locate(string dataset, string runId);

    Task WriteAsync(RetrainReport report, CancellationToken cancellationToken);

    /// <summary>Writes the model section's PNGs and model.html; returns where model.html is.</summary>
    Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken);

    /// <summary>Where the record of a rollback is (or will be), as a store path or URI; no secrets.</summary>
    string LocateRollback(string runId);

    Task WriteRollbackAsync(RollbackRecord record, CancellationToken cancellationToken);
}
