namespace HitPredictor.Serving.Catalog;

/// <summary>
/// Where catalog scoring reads and writes, in the model store's account (or folder): uploads in <see cref="Scoring"/>,
/// scored CSVs and their reports in <see cref="Scored"/>, each run's chunks and results in <see cref="Runs"/>, chunk
/// messages in the queue <see cref="Queue"/>. Fixed names: the Functions triggers and infra/ bind them.
/// </summary>
public static class CatalogNames
{
    public const string Scoring = "scoring";
    public const string Scored = "scored";
    public const string Runs = "catalog-runs";
    public const string Queue = "catalog-chunks";

    /// <summary>The run report beside <c>scored/{name}</c>.</summary>
    public static string ReportOf(string name) => name + ".report.json";
}
