using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>
/// Least privilege: the app's identity and the deploying user hold only the built-in roles they need, each
/// scoped below the storage account (a container, or the queue or table service), never the whole account.
/// </summary>
public sealed class RoleAssignmentTests(CompiledInfra infra)
{
    // Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";         // Storage Blob Data Owner
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";   // Storage Blob Data Contributor
    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";        // Storage Blob Data Reader
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";  // Storage Queue Data Contributor
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";  // Storage Table Data Contributor
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";   // Monitoring Metrics Publisher

    private const string Container = "Microsoft.Storage/storageAccounts/blobServices/containers";

    private readonly CompiledTemplate _main = infra.Main;

    private IReadOnlyList<ArmResource> Assignments => _main.OfType("Microsoft.Authorization/roleAssignments");

    private IEnumerable<ArmResource> IdentityAssignments => Assignments.Where(a =>
        a["properties.principalId"]!.GetValue<string>().Contains("outputs.principalId.value", StringComparison.Ordinal));

    private IEnumerable<ArmResource> UserAssignments => Assignments.Where(a =>
        a["properties.principalId"]!.GetValue<string>() == CompiledInfra.UserPrincipalId);

    private static string RoleId(ArmResource assignment)
    {
        var roleDefinition = assignment["properties.roleDefinitionId"]!.GetValue<string>();
        roleDefinition.Should().Contain("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'");
        return roleDefinition.Split('\'')[^2];
    }

    private static string Scope(ArmResource assignment) => assignment["scope"]!.GetValue<string>();

    /// <summary>The scope's resource type and the expression's last argument (the innermost name), e.g. ("…/containers", "parameters('modelsContainerName'))]").</summary>
    private static (string Type, string Name) ScopeOf(ArmResource assignment)
    {
        var scope = Scope(assignment);
        var type = scope.Split('\'')[1];
        var name = scope[(scope.LastIndexOf(',') + 1)..].Trim();
        return (type, name);
    }

    [Theory]
    [InlineData(StorageBlobDataReader, Container, "datasetsContainerName")]
    [InlineData(StorageBlobDataContributor, Container, "modelsContainerName")]
    [InlineData(StorageBlobDataContributor, Container, "reportsContainerName")]
    [InlineData(StorageBlobDataContributor, Container, "deploymentContainerName")]
    [InlineData(StorageBlobDataReader, Container, "scoringContainerName")]
    [InlineData(StorageBlobDataContributor, Container, "scoredContainerName")]
    [InlineData(StorageBlobDataContributor, Container, "catalogRunsContainerName")]
    [InlineData(StorageBlobDataOwner, Container, "azure-webjobs-hosts")]
    [InlineData(StorageBlobDataOwner, Container, "azure-webjobs-secrets")]
    [InlineData(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts/queueServices", "'default'")]
    [InlineData(StorageTableDataContributor, "Microsoft.Storage/storageAccounts/tableServices", "'default'")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components", "applicationInsightsName")]
    public void Identity_Role_IsScopedToWhatItNeeds(string roleId, string scopeType, string scopeName)
    {
        var assignment = IdentityAssignments.Should().ContainSingle(a => RoleId(a) == roleId && ScopeOf(a).Name.Contains(scopeName)).Subject;

        ScopeOf(assignment).Type.Should().Be(scopeType);
        assignment["properties.principalType"]!.GetValue<string>().Should().Be("ServicePrincipal");
    }

    [Fact]
    public void Identity_Roles_AreExactlyTheTwelveItNeeds()
    {
        IdentityAssignments.Should().HaveCount(12);
    }

    [Fact]
    public void Assignments_None_IsOnTheWholeStorageAccount()
    {
        Assignments.Select(Scope).Should().NotContain(scope => scope.Contains("resourceId('Microsoft.Storage/storageAccounts',", StringComparison.Ordinal));
        Assignments.Where(a => Scope(a).Contains("Microsoft.Storage", StringComparison.Ordinal))
            .Should().OnlyContain(a => ScopeOf(a).Type.StartsWith("Microsoft.Storage/storageAccounts/", StringComparison.Ordinal));
    }

    [Fact]
    public void Identity_Assignments_AreOfTheAppsIdentityModule()
    {
        IdentityAssignments.Select(a => a["properties.principalId"]!.GetValue<string>())
            .Should().AllSatisfy(principal => principal.Should().Contain("'identity'"));
    }

    [Fact]
    public void DeployingUser_Roles_AreOptionalAndScopedToTheDataContainers()
    {
        var user = UserAssignments.ToList();

        string[] containers = ["datasetsContainerName", "modelsContainerName", "reportsContainerName", "scoringContainerName", "scoredContainerName"];
        user.Select(a => (RoleId(a), containers.Single(c => ScopeOf(a).Name.Contains($"'{c}'", StringComparison.Ordinal)))).Should().BeEquivalentTo(
        [
            (StorageBlobDataContributor, "datasetsContainerName"),
            (StorageBlobDataContributor, "modelsContainerName"),
            (StorageBlobDataReader, "reportsContainerName"),
            (StorageBlobDataContributor, "scoringContainerName"),
            (StorageBlobDataReader, "scoredContainerName"),
        ]);
        user.Should().AllSatisfy(a =>
        {
            ScopeOf(a).Type.Should().Be(Container);
            a["condition"]!.GetValue<bool>().Should().BeTrue("a principal id was given");
            a["properties.principalType"]!.GetValue<string>().Should().Be("User");
        });
    }

    [Fact]
    public void DeployingUser_NoPrincipalId_GetsNoRole()
    {
        var main = CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(("principalId", "")));

        var conditional = main.OfType("Microsoft.Authorization/roleAssignments").Where(a => a.Json.ContainsKey("condition")).ToList();

        conditional.Should().HaveCount(5);
        conditional.Should().AllSatisfy(a => a["condition"]!.GetValue<bool>().Should().BeFalse());
    }

    [Fact]
    public void Assignments_All_UseBuiltInRolesOnly()
    {
        var builtIn = new[]
        {
            StorageBlobDataOwner, StorageBlobDataContributor, StorageBlobDataReader, StorageQueueDataContributor,
            StorageTableDataContributor, MonitoringMetricsPublisher,
        };

        Assignments.Select(RoleId).Should().OnlyContain(id => builtIn.Contains(id));
        Assignments.Should().HaveCount(17);
    }
}
