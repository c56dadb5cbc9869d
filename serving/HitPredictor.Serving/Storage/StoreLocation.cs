using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
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
/// <c>ModelStorage:credential</c> (<c>managedidentity</c> to use only the managed identity); catalog scoring's queue is
/// the same account's queue service (<c>ModelStorage:queueServiceUri</c> when identity-based).
/// </remarks>
public sealed class StoreLocation
{
    public const string ConnectionName = "ModelStorage";

    private readonly Lazy<QueueServiceClient>? _queues;

    private StoreLocation(string? folder, BlobServiceClient? service, Func<QueueServiceClient>? queues = null)
    {
        Folder = folder;
        Service = service;
        _queues = queues is null ? null : new Lazy<QueueServiceClient>(queues);
    }

    /// <summary>The folder's root; <see langword="null"/> when the store is a blob service.</summary>
    public string? Folder { get; }

    /// <summary>The storage account's blob service; <see langword="null"/> when the store is a folder.</summary>
    public BlobServiceClient? Service { get; }

    /// <summary>The account's queue service (catalog scoring's chunks); <see langword="null"/> when the store is a folder.</summary>
    /// <exception cref="InvalidOperationException">The store is identity-based and no <c>queueServiceUri</c> is configured.</exception>
    public QueueServiceClient? Queues => _queues?.Value;

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

        var location = ServiceFrom(configuration)
            ?? throw new InvalidOperationException(
                $"No model store is configured: set {ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)} to a folder, " +
                $"{ConnectionName} to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {ConnectionName}:blobServiceUri for a managed identity.");
        return location;
    }

    /// <summary>A folder path or a storage connection string, as the CLI's <c>--store</c> takes it.</summary>
    public static StoreLocation FromArgument(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        return IsConnectionString(store) ? ForConnectionString(store) : new StoreLocation(store, null);
    }

    /// <summary>
    /// The configuration a <c>--store</c> argument stands for: <c>Serving:StoreFolder</c> (as a full path) for a folder, the
    /// <c>ModelStorage</c> connection for a connection string, and <c>Serving:ModelsContainer</c>; so the CLI builds its
    /// services from the same keys the app reads.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings(string store, string modelsContainer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsContainer);
        var isBlob = IsConnectionString(store);
        return new Dictionary<string, string?>
        {
            [$"{ServingOptions.SectionName}:{nameof(ServingOptions.StoreFolder)}"] = isBlob ? null : Path.GetFullPath(store),
            [ConnectionName] = isBlob ? store : null,
            [$"{ServingOptions.SectionName}:{nameof(ServingOptions.ModelsContainer)}"] = modelsContainer,
        };
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

    private static StoreLocation ForConnectionString(string connectionString) =>
        new(null, new BlobServiceClient(connectionString), () => new QueueServiceClient(connectionString, QueueOptions()));

    /// <summary>Messages as base64, as the Functions queue trigger reads them by default.</summary>
    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private static StoreLocation? ServiceFrom(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName] ?? configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return ForConnectionString(connectionString);
        }

        var section = configuration.GetSection(ConnectionName);
        var serviceUri = section["blobServiceUri"] ?? section["serviceUri"];
        if (string.IsNullOrWhiteSpace(serviceUri))
        {
            return null;
        }

        var credential = Credential(section["credential"], section["clientId"]);
        var queueUri = section["queueServiceUri"];
        return new StoreLocation(null, new BlobServiceClient(new Uri(serviceUri), credential), () => string.IsNullOrWhiteSpace(queueUri)
            ? throw new InvalidOperationException($"Catalog scoring needs {ConnectionName}:queueServiceUri beside {ConnectionName}:blobServiceUri.")
            : new QueueServiceClient(new Uri(queueUri), credential, QueueOptions()));
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
