using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>The Flex Consumption plan and the Function App in the compiled main.bicep.</summary>
public sealed class HostingTests(CompiledInfra infra)
{
    private readonly CompiledTemplate _main = infra.Main;

    private ArmResource Site => _main.One("Microsoft.Web/sites");

    [Fact]
    public void Plan_Sku_IsFlexConsumptionFc1OnLinux()
    {
        var plan = _main.One("Microsoft.Web/serverfarms");

        plan["sku.name"]!.GetValue<string>().Should().Be("FC1");
        plan["sku.tier"]!.GetValue<string>().Should().Be("FlexConsumption");
        plan["properties.reserved"]!.GetValue<bool>().Should().BeTrue("reserved = Linux");
    }

    [Fact]
    public void FunctionApp_Kind_IsLinuxFunctionApp()
    {
        Site["kind"]!.GetValue<string>().Should().Be("functionapp,linux");
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolated10()
    {
        Site["properties.functionAppConfig.runtime.name"]!.GetValue<string>().Should().Be("dotnet-isolated");
        Site["properties.functionAppConfig.runtime.version"]!.GetValue<string>().Should().Be("10.0");
    }

    [Fact]
    public void FunctionApp_ScaleWithoutOverrides_UsesParameterDefaults()
    {
        var parameters = _main.Json["parameters"]!;

        Site["properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"]!.GetValue<long>()
            .Should().Be(parameters["functionInstanceMemoryMB"]!["defaultValue"]!.GetValue<long>()).And.Be(2048);
        Site["properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"]!.GetValue<long>()
            .Should().Be(parameters["functionMaximumInstanceCount"]!["defaultValue"]!.GetValue<long>()).And.Be(100);
    }

    [Fact]
    public void FunctionApp_ScaleParametersGiven_ReachTheApp()
    {
        var main = CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(
            ("functionInstanceMemoryMB", JsonValue.Create(4096)),
            ("functionMaximumInstanceCount", JsonValue.Create(250))));
        var site = main.One("Microsoft.Web/sites");

        site["properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"]!.GetValue<long>().Should().Be(4096);
        site["properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"]!.GetValue<long>().Should().Be(250);
    }

    [Fact]
    public void FunctionApp_InstanceMemory_AllowsOnlyFlexConsumptionSizes()
    {
        var allowed = _main.Json["parameters"]!["functionInstanceMemoryMB"]!["allowedValues"]!.AsArray()
            .Select(value => value!.GetValue<long>());

        allowed.Should().BeEquivalentTo([512L, 2048L, 4096L]);
    }

    [Fact]
    public void FunctionApp_Identity_IsTheUserAssignedIdentityOnly()
    {
        Site["identity.type"]!.GetValue<string>().Should().Be("UserAssigned");
        var identities = Site["identity.userAssignedIdentities"]!.AsObject();
        identities.Should().ContainSingle();
        identities.Single().Key.Should().Contain("outputs.id.value").And.Contain("'identity'");
    }

    [Fact]
    public void FunctionApp_Transport_IsHttpsOnlyWithTls12()
    {
        Site["properties.httpsOnly"]!.GetValue<bool>().Should().BeTrue();
        Site["properties.siteConfig.minTlsVersion"]!.GetValue<string>().Should().Be("1.2");
    }

    [Fact]
    public void FunctionApp_DeploymentPackage_IsReadWithTheUserAssignedIdentity()
    {
        Site["properties.functionAppConfig.deployment.storage.type"]!.GetValue<string>().Should().Be("blobContainer");
        Site["properties.functionAppConfig.deployment.storage.authentication.type"]!.GetValue<string>()
            .Should().Be("UserAssignedIdentity");
        Site["properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"]!
            .GetValue<string>().Should().Be(Site["identity.userAssignedIdentities"]!.AsObject().Single().Key);
    }

    [Fact]
    public void FunctionApp_AzdServiceTag_NamesTheApiService()
    {
        Site["tags.azd-service-name"]!.GetValue<string>().Should().Be("api");
        Site["tags.azd-env-name"]!.GetValue<string>().Should().Be("hitpredictor-test");
    }

    [Fact]
    public void FunctionApp_Deployment_WaitsForTheRoleAssignments()
    {
        var hosting = _main.Deployments.Single(d => d.Name == "hosting");

        hosting.Json["dependsOn"]!.AsArray().Select(node => node!.GetValue<string>())
            .Should().Contain(dependency => dependency.Contains("'roles'", StringComparison.Ordinal));
    }
}
