using System.Globalization;

namespace HitPredictor.Serving.Catalog;

/// <summary>
/// A run's files in <see cref="CatalogNames.Runs"/>, under its id: <c>run.json</c> (the record), <c>chunks/</c> (the
/// input split), <c>results/</c> (each chunk scored), <c>done/</c> (each chunk's summary, written last: a chunk is done
/// when its summary is there), <c>merge.claim</c> (who merges; <c>merge.claim.1</c> and on when an expired claim was taken over) and <c>report.json</c> (written when the run is over).
/// </summary>
public static class CatalogPaths
{
    public static string Run(string runId) => $"{runId}/run.json";

    public static string Chunk(string runId, int index) => $"{runId}/chunks/{Number(index)}.csv";

    public static string Result(string runId, int index) => $"{runId}/results/{Number(index)}.csv";

    public static string Done(string runId, int index) => $"{runId}/done/{Number(index)}.json";

    public static string DonePrefix(string runId) => $"{runId}/done/";

    /// <summary>The run's merge claim: <c>merge.claim</c>, then <c>merge.claim.1</c>, ... for each taken over after it expired.</summary>
    public static string MergeClaim(string runId, int generation) =>
        generation == 0 ? $"{runId}/merge.claim" : string.Create(CultureInfo.InvariantCulture, $"{runId}/merge.claim.{generation}");

    public static string Report(string runId) => $"{runId}/report.json";

    private static string Number(int index) => index.ToString("D6", CultureInfo.InvariantCulture);
}
