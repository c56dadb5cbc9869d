namespace HitPredictor.Benchmarks;

/// <summary>Where the repository and its data are, found from the running program (BenchmarkDotNet runs copies of it deeper in bin/).</summary>
internal static class RepoPaths
{
    public const string SampleFileName = "spotify_tracks_sample.csv";

    /// <summary>The folder holding HitPredictor.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full shared dataset beside the repository (<c>../shared/data</c>), when it is there.</summary>
    public static string SharedDataset => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "spotify_tracks.csv"));

    /// <summary>The built-in sample: copied beside the program, else in the repository.</summary>
    public static string Sample
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "data", SampleFileName);
            return File.Exists(beside) ? beside : Path.Combine(Root, "training", "data", SampleFileName);
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "HitPredictor.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find HitPredictor.sln above the benchmark program or the current folder.");
    }
}
