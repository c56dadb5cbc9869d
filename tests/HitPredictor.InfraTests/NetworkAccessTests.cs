using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>
/// Which networks reach the storage account: every one by default (identity still required), or, with the azd parameter
/// <c>storageNetworkAccess=restricted</c>, only the Function App's integration subnet, Azure trusted services and the
/// listed addresses.
/// </summary>
public sealed class NetworkAccessTests(CompiledInfra infra)
{
    private CompiledTemplate Restricted => CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(
        ("storageNetworkAccess", JsonValue.Create("restricted")), ("storageAllowedIpAddresses", JsonValue.Create("203.0.113.7, 198.51.100.0/24"))));

    [Fact]
    public void Storage_ByDefault_AcceptsEveryNetworkAndNoVirtualNetworkIsDeployed()
    {
        var account = infra.Main.One("Microsoft.Storage/storageAccounts");

        account["properties.networkAcls.defaultAction"]!.GetValue<string>().Should().Be("Allow");
        account["properties.networkAcls.virtualNetworkRules"]!.AsArray().Should().BeEmpty();
        Condition(Deployment(infra.Main, "network")).Should().BeFalse();
    }

    [Fact]
    public void Storage_Restricted_DeniesAllButTheAppSubnetTrustedServicesAndListedAddresses()
    {
        var main = Restricted;
        var account = main.One("Microsoft.Storage/storageAccounts");

        account["properties.networkAcls.defaultAction"]!.GetValue<string>().Should().Be("Deny");
        account["properties.networkAcls.bypass"]!.GetValue<string>().Should().Be("AzureServices", "Event Grid reads the account's events as a trusted service");
        var rules = account["properties.networkAcls.virtualNetworkRules"]!.AsArray();
        rules.Should().ContainSingle();
        rules[0]!["action"]!.GetValue<string>().Should().Be("Allow");
        StorageParameter(main, "allowedSubnetId").Should().Contain("'network'").And.Contain("appSubnetId");
        StorageParameter(main, "allowedIpAddresses").Should().Contain("parameters('storageAllowedIpAddresses')");
        account.Json["properties"]!["networkAcls"]!["ipRules"]!.GetValue<string>().Should().Contain("parameters('allowedIpAddresses')");
    }

    [Fact]
    public void FunctionApp_Restricted_JoinsADelegatedSubnetWithAStorageServiceEndpoint()
    {
        var main = Restricted;
        var subnet = main.One("Microsoft.Network/virtualNetworks")["properties.subnets"]!.AsArray().Single()!;
        var hosting = Deployment(main, "hosting");

        Condition(Deployment(main, "network")).Should().BeTrue();
        subnet["properties"]!["delegations"]!.AsArray().Single()!["properties"]!["serviceName"]!.GetValue<string>()
            .Should().Be("Microsoft.App/environments", "Flex Consumption integrates through such a subnet");
        subnet["properties"]!["serviceEndpoints"]!.AsArray().Select(e => e!["service"]!.GetValue<string>()).Should().Equal("Microsoft.Storage");
        ParameterText(hosting, "virtualNetworkSubnetId")
            .Should().Contain("'network'").And.Contain("appSubnetId");
        main.One("Microsoft.Web/sites").Json["properties"]!["virtualNetworkSubnetId"]!.GetValue<string>()
            .Should().Contain("parameters('virtualNetworkSubnetId')");
    }

    [Fact]
    public void StorageNetworkAccess_AllowsOnlyTheTwoDocumentedModes()
    {
        infra.MainJson["parameters"]!["storageNetworkAccess"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().BeEquivalentTo("public", "restricted");
    }

    private static ArmResource Deployment(CompiledTemplate main, string name) => main.Deployments.Single(d => d.Name == name);

    private static bool Condition(ArmResource resource) => resource.Scope.Evaluate(resource.Json["condition"])!.GetValue<bool>();

    private static string StorageParameter(CompiledTemplate main, string name) => ParameterText(Deployment(main, "storage"), name);

    /// <summary>A module parameter as compiled (a whole-parameter expression, or its value), as text.</summary>
    private static string ParameterText(ArmResource deployment, string name) =>
        deployment.Json["properties"]!["parameters"]![name] switch
        {
            JsonValue expression => expression.GetValue<string>(),
            var parameter => parameter!["value"]!.ToJsonString(),
        };
}
