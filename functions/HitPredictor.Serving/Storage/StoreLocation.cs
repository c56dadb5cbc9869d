using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace HitPredictor.Serving.Storage;

/// <summary>
/// Where the models, the reports and the dataset index live: a folder, or a storage account's blob service. Parsed
/// once, from configuration or from the CLI's <c>--store</c>; the model store (<see cref="CreateModelStore"/>) and the
/// retraining stores (<see cref="Retraining.RetrainStoreFactory"/>) are both built over it. No I/O.
/// </summary>
/// <remarks>
/// Configuration: <c>Serving:StoreFolder</c> for a folder; else the connection named <c>ModelStorage</c>: a connection
/// string at <c>ModelStorage</c> (Azurite: <c>UseDevelopmentStorage=true</c>), or, identity-based,
/// <c>ModelStorage:blobServiceUri</c> with optional <c>ModelStorage:clientId</c> (a user-assigned managed identity) and
/// <c>ModelStorage:credential</c> (<c>managedidentity</c> to use only the managed identity).
/// </remarks>
public sealed class StoreLocation
{
    public const string ConnectionName = "ModelStorage";

    private StoreLocation(string? folder, BlobServiceClient? service)
    {
        Folder = folder;
        Service = service;
    }

    /// <summary>The folder's root; <see langword="null"/> when the store is a blob service.</summary>
    public string? Folder { get; }

    /// <summary>The storage account's blob service; <see langword="null"/> when the store is a folder.</summary>
    public BlobServiceClient? Service { get; }

    /// <summary>The location the configuration names.</summary>
    /// <exception cref="InvalidOperationException">Neither a folder nor a storage connection is configured.</exception>
    public static StoreLocation FromConfiguration(IConfiguration configuration, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.StoreFolder))
        {
            return new StoreLocation(options.StoreFolder, null);
        }

        var service = ServiceFrom(configuration)
            ?? throw new InvalidOperationException(
                $"No model store is configured: set {ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)} to a folder, " +
                $"{ConnectionName} to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {ConnectionName}:blobServiceUri for a managed identity.");
        return new StoreLocation(null, service);
    }

    /// <summary>A folder path or a storage connection string, as the CLI's <c>--store</c> takes it.</summary>
    public static StoreLocation FromArgument(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        return IsConnectionString(store) ? new StoreLocation(null, new BlobServiceClient(store)) : new StoreLocation(store, null);
    }

    /// <summary>Whether a <c>--store</c> argument is a storage connection string rather than a folder path.</summary>
    public static bool IsConnectionString(string store) =>
        store.Contains("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase)
        || store.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
        || store.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model store here: the folder's or the account's <paramref name="modelsContainer"/>.</summary>
    public IModelStore CreateModelStore(string modelsContainer) => Service is null
        ? new FolderModelStore(Folder!, modelsContainer)
        : new BlobModelStore(Service.GetBlobContainerClient(modelsContainer));

    private static BlobServiceClient? ServiceFrom(IConfiguration configuration)
    {
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
