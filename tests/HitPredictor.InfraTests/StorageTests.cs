using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>The storage account in the compiled main.bicep: locked down, reached by identity only.</summary>
public sealed class StorageTests(CompiledInfra infra)
{
    private readonly CompiledTemplate _main = infra.Main;

    private ArmResource Account => _main.One("Microsoft.Storage/storageAccounts");

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabled()
    {
        Account["properties.allowSharedKeyAccess"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void StorageAccount_MinimumTls_Is12()
    {
        Account["properties.minimumTlsVersion"]!.GetValue<string>().Should().Be("TLS1_2");
    }

    [Fact]
    public void StorageAccount_Traffic_IsHttpsOnly()
    {
        Account["properties.supportsHttpsTrafficOnly"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void StorageAccount_BlobPublicAccess_IsDisabled()
    {
        Account["properties.allowBlobPublicAccess"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void StorageAccount_DefaultAuthentication_IsEntraId()
    {
        Account["properties.defaultToOAuthAuthentication"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Containers_Template_AreDatasetsModelsReportsCatalogDeploymentPackageAndTheHosts()
    {
        var containers = _main.One("Microsoft.Storage/storageAccounts/blobServices/containers");
        var names = ContainerNames(containers);

        names.Should().HaveCount(9);
        names.Should().Contain(["datasets", "models", "reports", "azure-webjobs-hosts", "azure-webjobs-secrets"]);
        names.Should().Contain(["scoring", "scored", "catalog-runs"], "the app's catalog triggers and stores bind these names (CatalogNames)");
        names.Should().ContainSingle(name => name.StartsWith("app-package-", StringComparison.Ordinal));
    }

    [Fact]
    public void CatalogQueue_Template_IsTheQueueTheChunkTriggerReads()
    {
        var queue = _main.One("Microsoft.Storage/storageAccounts/queueServices/queues");

        queue.Scope.Parameter("catalogQueueName")!.GetValue<string>().Should().Be("catalog-chunks", "the ScoreChunk trigger reads it (CatalogNames.Queue)");
    }

    [Fact]
    public void Containers_PublicAccess_IsNone()
    {
        var containers = _main.One("Microsoft.Storage/storageAccounts/blobServices/containers");

        containers["properties.publicAccess"]!.GetValue<string>().Should().Be("None");
    }

    [Fact]
    public void DeploymentPackage_Container_IsOneOfTheStorageContainers()
    {
        var site = _main.One("Microsoft.Web/sites");
        var packageUrl = site["properties.functionAppConfig.deployment.storage.value"]!.GetValue<string>();
        var packageContainer = ContainerNames(_main.One("Microsoft.Storage/storageAccounts/blobServices/containers"))
            .Single(name => name.StartsWith("app-package-", StringComparison.Ordinal));

        packageUrl.Should().Contain("primaryEndpoints.blob").And.EndWith(packageContainer);
    }

    /// <summary>The names the container copy loop creates: the storage module's containerNames variable.</summary>
    private static IReadOnlyList<string> ContainerNames(ArmResource containers)
    {
        containers.Json["copy"]?["count"]?.GetValue<string>().Should().Contain("variables('containerNames')");
        containers.DeploymentPath.Should().Be("/storage");
        return [.. containers.Scope.Variable("containerNames")!.AsArray().Select(node => node!.GetValue<string>())];
    }
}
