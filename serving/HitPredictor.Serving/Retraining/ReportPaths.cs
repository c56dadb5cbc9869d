namespace HitPredictor.Serving.Retraining;

/// <summary>The report layout shared by the blob and folder stores: <c>{dataset}/{run}.json</c> and <c>{dataset}/{run}/</c>.</summary>
internal static class ReportPaths
{
    /// <summary>The dataset name as one safe path segment: letters, digits, '.', '-' and '_' kept, anything else '_'.</summary>
    public static string DatasetKey(string dataset)
    {
        var key = new string([.. dataset.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return key.Length == 0 ? "_" : key[..Math.Min(key.Length, 200)];
    }

    public static string Report(string dataset, string runId) => $"{DatasetKey(dataset)}/{runId}.json";

    /// <summary>The folder of rollback records; a dataset key never starts with '_' unless its name does, and run ids never repeat.</summary>
    public const string RollbackFolder = "_rollbacks";

    public static string Rollback(string runId) => $"{RollbackFolder}/{runId}.json";

    public static string SectionFolder(string dataset, string runId) => $"{DatasetKey(dataset)}/{runId}";
}
