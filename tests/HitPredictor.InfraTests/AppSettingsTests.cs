using System.Text.Json;
using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>
/// The Function App's settings in the compiled main.bicep: exactly the names the code reads
/// (infra/app-settings.json), every storage connection by identity, no secrets.
/// </summary>
public sealed class AppSettingsTests(CompiledInfra infra)
{
    private readonly CompiledTemplate _main = infra.Main;

    private JsonObject Settings =>
        _main.OfType("Microsoft.Web/sites/config").Single(config => config.Name.EndsWith("/appsettings", StringComparison.Ordinal))
            ["properties"]!.AsObject();

    private static IReadOnlyList<string> ContractNames() =>
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Repository.InfraFile("app-settings.json")))!;

    private string Setting(string name) => Settings[name]!.GetValue<string>();

    [Fact]
    public void Contract_AppSettingsJson_ListsUniqueNames()
    {
        var names = ContractNames();

        names.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        names.Should().Contain(["ModelStorage__blobServiceUri", "AzureWebJobsStorage__blobServiceUri", "Serving__ModelsContainer"]);
    }

    [Fact]
    public void AppSettings_EveryNameTheCodeReads_IsSet()
    {
        var missing = ContractNames().Where(name => Settings[name] is null || Settings[name]!.ToString().Length == 0);

        missing.Should().BeEmpty("infra/app-settings.json lists what the code reads");
    }

    [Fact]
    public void AppSettings_Names_AreExactlyTheContract()
    {
        Settings.Select(pair => pair.Key).Should().BeEquivalentTo(ContractNames(),
            "a setting the code does not read is a typo or belongs in infra/app-settings.json");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("ModelStorage")]
    public void StorageConnection_Credential_IsTheUserAssignedIdentity(string connection)
    {
        Setting($"{connection}__credential").Should().Be("managedidentity");
        Setting($"{connection}__clientId").Should().Contain("'identity'").And.Contain("outputs.clientId.value");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "primaryEndpoints.blob")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "primaryEndpoints.queue")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "primaryEndpoints.table")]
    [InlineData("ModelStorage__blobServiceUri", "primaryEndpoints.blob")]
    [InlineData("ModelStorage__queueServiceUri", "primaryEndpoints.queue")]
    public void StorageConnection_ServiceUri_IsTheAccountEndpoint(string name, string endpoint)
    {
        Setting(name).Should().Contain("Microsoft.Storage/storageAccounts").And.EndWith($"{endpoint}{ArmExpression.MarkerEnd}");
    }

    [Fact]
    public void AppSettings_Values_HoldNoKeysOrConnectionStrings()
    {
        var values = Settings.Select(pair => $"{pair.Key}={pair.Value}");

        values.Should().NotContain(value =>
            value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase)
            || value.Contains("listKeys", StringComparison.OrdinalIgnoreCase)
            || value.Contains("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase)
            || value.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase)
            || value.Contains("InstrumentationKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MainTemplate_Anywhere_ReadsNoStorageKeys()
    {
        var text = infra.MainJson.ToJsonString();

        text.Should().NotContainAny("listKeys", "AccountKey", "DefaultEndpointsProtocol", "listAccountSas", "listServiceSas");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("ModelStorage")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")]
    public void AppSettings_ConnectionStringOrLegacySetting_IsAbsent(string name)
    {
        // Connection strings would need shared keys; Flex Consumption rejects the runtime and package settings.
        Settings.ContainsKey(name).Should().BeFalse();
    }

    [Fact]
    public void ApplicationInsights_Authentication_IsEntraIdWithTheIdentity()
    {
        var authentication = Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

        authentication.Should().StartWith("ClientId=").And.EndWith(";Authorization=AAD").And.Contain("outputs.clientId.value");
        Setting("APPLICATIONINSIGHTS_CONNECTION_STRING").Should().Contain("Microsoft.Insights/components").And.Contain("ConnectionString");
    }

    [Theory]
    [InlineData("Serving__ModelsContainer", "models")]
    [InlineData("Serving__DatasetsContainer", "datasets")]
    [InlineData("Serving__ReportsContainer", "reports")]
    [InlineData("Serving__PollSeconds", "30")]
    public void ServingOptions_Setting_HasTheContractValue(string name, string expected)
    {
        Setting(name).Should().Be(expected);
    }
}
