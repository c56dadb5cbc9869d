using System.Reflection;

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>Paths of the repository under test, passed in by the project file as assembly metadata.</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory { get; } = Path.Combine(Root, "infra");

    public static string InfraFile(string relativePath) => Path.Combine(InfraDirectory, relativePath);

    /// <summary>Every Bicep file under infra/, relative to infra/ with forward slashes, in a stable order.</summary>
    public static IReadOnlyList<string> BicepFiles() =>
        [.. Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(InfraDirectory, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    internal static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Assembly metadata '{key}' is missing; build with the test project file.");
}
