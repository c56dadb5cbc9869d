using Azure.Storage.Blobs;
using HitPredictor.Serving.Retraining;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Functions;

/// <summary>
/// The rule both upload triggers (<see cref="RetrainFunction"/>, <see cref="ScoreCatalogFunction"/>) apply first: only a
/// name ending <c>.csv</c> starts a run; any other upload is logged and left alone.
/// </summary>
internal static partial class CsvUploads
{
    /// <summary>The upload as a dataset the service streams, or <see langword="null"/> (logged) when it is not a CSV.</summary>
    public static DatasetSource? Accept(BlobClient blob, string name, string function, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return DatasetSource.FromBlob(blob, name);
        }

        Log.Ignored(logger, name, function);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ignored upload {Name}: {Function} takes only .csv files", EventName = "UploadIgnored")]
        public static partial void Ignored(ILogger logger, string name, string function);
    }
}
