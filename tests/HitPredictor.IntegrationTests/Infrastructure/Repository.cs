using System.Reflection;

namespace HitPredictor.IntegrationTests.Infrastructure;

/// <summary>Paths the build wrote into the test assembly, so no test guesses where the repository is.</summary>
internal static class Repository
{
    public static string Root => Metadata("RepositoryRoot");

    /// <summary>The Functions app's own build output (where the Worker SDK writes functions.metadata).</summary>
    public static string FunctionsOutput => Metadata("FunctionsOutput");

    public static string Sample => Path.Combine(AppContext.BaseDirectory, "data", "spotify_tracks_sample.csv");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
