namespace HitPredictor.Cli.Commands;

/// <summary>The attributed real sample shipped with the tool: the default dataset on a fresh clone.</summary>
internal static class BuiltInData
{
    public const string SampleFileName = "spotify_tracks_sample.csv";

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "data", SampleFileName);

    public static string Resolve(FileInfo? data) => data?.FullName ?? SamplePath;
}
