using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>Application Insights on a Log Analytics workspace, ingesting with Entra ID only.</summary>
public sealed class MonitoringTests(CompiledInfra infra)
{
    private readonly CompiledTemplate _main = infra.Main;

    [Fact]
    public void ApplicationInsights_LocalAuth_IsDisabled()
    {
        _main.One("Microsoft.Insights/components")["properties.DisableLocalAuth"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void ApplicationInsights_Workspace_IsTheLogAnalyticsWorkspace()
    {
        var workspace = _main.One("Microsoft.OperationalInsights/workspaces");
        var component = _main.One("Microsoft.Insights/components");

        component["properties.WorkspaceResourceId"]!.GetValue<string>()
            .Should().Contain("resourceId('Microsoft.OperationalInsights/workspaces'");
        workspace["properties.sku.name"]!.GetValue<string>().Should().Be("PerGB2018");
        component.DeploymentPath.Should().Be(workspace.DeploymentPath);
    }
}
