using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// Chooses the store from configuration: <c>Serving:StoreFolder</c> for a folder; else the connection named
/// <c>ModelStorage</c>: a connection string at <c>ModelStorage</c> (Azurite: <c>UseDevelopmentStorage=true</c>), or,
/// identity-based, <c>ModelStorage:blobServiceUri</c> with optional <c>ModelStorage:clientId</c> (a user-assigned
/// managed identity) and <c>ModelStorage:credential</c> (<c>managedidentity</c> to use only the managed identity).
/// </summary>
public static class ModelStoreFactory
{
    public const string ConnectionName = "ModelStorage";

    /// <summary>Builds the store the configuration names. No I/O.</summary>
    /// <exception cref="InvalidOperationException">Neither a folder nor a storage connection is configured.</exception>
    public static IModelStore Create(IConfiguration configuration, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.StoreFolder))
        {
            return new FolderModelStore(options.StoreFolder, options.ModelsContainer);
        }

        var service = CreateServiceClient(configuration)
            ?? throw new InvalidOperationException(
                $"No model store is configured: set {ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)} to a folder, " +
                $"{ConnectionName} to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {ConnectionName}:blobServiceUri for a managed identity.");
        return new BlobModelStore(service.GetBlobContainerClient(options.ModelsContainer));
    }

    /// <summary>A folder path or a storage connection string, as the CLI's <c>--store</c> takes it.</summary>
    public static IModelStore FromArgument(string store, string modelsContainer = "models")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        return LooksLikeConnectionString(store)
            ? new BlobModelStore(new BlobServiceClient(store).GetBlobContainerClient(modelsContainer))
            : new FolderModelStore(store, modelsContainer);
    }

    /// <summary>A store over a container the caller made (tests, benchmarks, tools).</summary>
    public static IModelStore ForContainer(BlobContainerClient container) => new BlobModelStore(container);

    /// <summary>A store over a folder the caller chose (tests, benchmarks, tools).</summary>
    public static IModelStore ForFolder(string root, string modelsContainer = "models") => new FolderModelStore(root, modelsContainer);

    /// <summary>The blob service of the <c>ModelStorage</c> connection, or <see langword="null"/> when there is none.</summary>
    public static BlobServiceClient? CreateServiceClient(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionName] ?? configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BlobServiceClient(connectionString);
        }

        var section = configuration.GetSection(ConnectionName);
        var serviceUri = section["blobServiceUri"] ?? section["serviceUri"];
        if (string.IsNullOrWhiteSpace(serviceUri))
        {
            return null;
        }

        return new BlobServiceClient(new Uri(serviceUri), Credential(section["credential"], section["clientId"]));
    }

    public static bool LooksLikeConnectionString(string store) =>
        store.Contains("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase)
        || store.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
        || store.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase);

    internal static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);

    private static TokenCredential Credential(string? kind, string? clientId)
    {
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }
}
