using Azure.Storage.Blobs;

namespace HitPredictor.Serving.Storage;

/// <summary>Model stores for tests and tools; the app and the CLI build theirs over the configured <see cref="StoreLocation"/>.</summary>
public static class ModelStoreFactory
{
    /// <summary>A folder path or a storage connection string, as the CLI's <c>--store</c> takes it.</summary>
    public static IModelStore FromArgument(string store, string modelsContainer = "models") =>
        StoreLocation.FromArgument(store).CreateModelStore(modelsContainer);

    /// <summary>A store over a container the caller made (tests, benchmarks, tools).</summary>
    public static IModelStore ForContainer(BlobContainerClient container) => new BlobModelStore(container);

    /// <summary>A store over a folder the caller chose (tests, benchmarks, tools).</summary>
    public static IModelStore ForFolder(string root, string modelsContainer = "models") => new FolderModelStore(root, modelsContainer);

    internal static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
