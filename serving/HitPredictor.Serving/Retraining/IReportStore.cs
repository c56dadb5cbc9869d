using HitPredictor.Training.Evaluation;

namespace HitPredictor.Serving.Retraining;

/// <summary>
/// Where retraining reports go: <c>reports/{dataset}/{run}.json</c> and the model section's data under <c>reports/{dataset}/{run}/</c>;
/// and the records of rollbacks, <c>reports/_rollbacks/{run}.json</c>.
/// </summary>
public interface IReportStore
{
    /// <summary>Where the report of a run is (or will be), as a store path or URI; no secrets.</summary>
    string Locate(string dataset, string runId);

    Task WriteAsync(RetrainReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the model section's data (<see cref="ModelSectionInput.FileName"/>; <c>hitpredictor report --section</c> draws
    /// it); returns where it is.
    /// </summary>
    Task<string> WriteModelSectionAsync(string dataset, string runId, ModelSectionInput section, CancellationToken cancellationToken);

    /// <summary>Where the record of a rollback is (or will be), as a store path or URI; no secrets.</summary>
    string LocateRollback(string runId);

    Task WriteRollbackAsync(RollbackRecord record, CancellationToken cancellationToken);
}
