namespace HitPredictor.Tests.Support;

/// <summary>Where the test data lives: the built-in sample beside the tests, the full dataset beside the repository.</summary>
internal static class TestPaths
{
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "data", "spotify_tracks_sample.csv");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HitPredictor.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("HitPredictor.sln not found above the test binaries.");
        }
    }

    /// <summary>The full shared dataset (../shared/data beside the repository), or null when it is absent.</summary>
    public static string? FullDataset
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("HITPREDICTOR_FULL_DATA")
                ?? Path.Combine(RepositoryRoot, "..", "shared", "data", "spotify_tracks.csv");
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }
    }
}
