using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>The app's identity holds only the built-in roles it needs, each on the right scope.</summary>
public sealed class RoleAssignmentTests(CompiledInfra infra)
{
    // Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";         // Storage Blob Data Owner
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";  // Storage Queue Data Contributor
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";  // Storage Table Data Contributor
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";   // Monitoring Metrics Publisher
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";   // Storage Blob Data Contributor

    private readonly CompiledTemplate _main = infra.Main;

    private IReadOnlyList<ArmResource> Assignments => _main.OfType("Microsoft.Authorization/roleAssignments");

    private IEnumerable<ArmResource> IdentityAssignments => Assignments.Where(a =>
        a["properties.principalId"]!.GetValue<string>().Contains("outputs.principalId.value", StringComparison.Ordinal));

    private static string RoleId(ArmResource assignment)
    {
        var roleDefinition = assignment["properties.roleDefinitionId"]!.GetValue<string>();
        roleDefinition.Should().Contain("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'");
        return roleDefinition.Split('\'')[^2];
    }

    [Fact]
    public void Identity_Roles_AreExactlyTheFourItNeeds()
    {
        IdentityAssignments.Select(RoleId).Should().BeEquivalentTo(
            [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher]);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageTableDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    public void Identity_Role_IsScopedToItsResource(string roleId, string scopeType)
    {
        var assignment = IdentityAssignments.Single(a => RoleId(a) == roleId);

        assignment["scope"]!.GetValue<string>().Should().Contain($"resourceId('{scopeType}'");
        assignment["properties.principalType"]!.GetValue<string>().Should().Be("ServicePrincipal");
    }

    [Fact]
    public void Identity_Assignments_AreOfTheAppsIdentityModule()
    {
        IdentityAssignments.Select(a => a["properties.principalId"]!.GetValue<string>())
            .Should().AllSatisfy(principal => principal.Should().Contain("'identity'"));
    }

    [Fact]
    public void DeployingUser_Role_IsOptionalBlobDataContributorOnTheAccount()
    {
        var userAssignments = Assignments
            .Where(a => a["properties.principalId"]!.GetValue<string>() == CompiledInfra.UserPrincipalId)
            .ToList();

        userAssignments.Should().ContainSingle();
        var user = userAssignments[0];
        RoleId(user).Should().Be(StorageBlobDataContributor);
        user["scope"]!.GetValue<string>().Should().Contain("resourceId('Microsoft.Storage/storageAccounts'");
        user["condition"]!.GetValue<bool>().Should().BeTrue("a principal id was given");
        user["properties.principalType"]!.GetValue<string>().Should().Be("User");
    }

    [Fact]
    public void DeployingUser_NoPrincipalId_GetsNoRole()
    {
        var main = CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(("principalId", "")));

        var conditional = main.OfType("Microsoft.Authorization/roleAssignments").Where(a => a.Json.ContainsKey("condition"));

        conditional.Should().ContainSingle().Which["condition"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Assignments_All_UseBuiltInRolesOnly()
    {
        var builtIn = new[]
        {
            StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor,
            MonitoringMetricsPublisher, StorageBlobDataContributor,
        };

        Assignments.Select(RoleId).Should().OnlyContain(id => builtIn.Contains(id));
        Assignments.Should().HaveCount(5);
    }
}
