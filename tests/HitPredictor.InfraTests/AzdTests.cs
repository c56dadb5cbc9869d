using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>azure.yaml, main.parameters.json and the postdeploy hooks agree with the compiled main.bicep.</summary>
public sealed partial class AzdTests(CompiledInfra infra)
{
    private static readonly string[] HookFiles = ["hooks/postdeploy.sh", "hooks/postdeploy.ps1"];

    [Fact]
    public void AzureYaml_ApiService_IsTheFunctionsProjectAsDotnetFunction()
    {
        var service = YamlBlock(File.ReadAllLines(Path.Combine(Repository.Root, "azure.yaml")), "services", "api");

        service.Should().Contain("project", "./functions/HitPredictor.Functions");
        service.Should().Contain("host", "function");
        service.Should().Contain("language", "dotnet");
    }

    [Fact]
    public void AzureYaml_PostdeployHook_RunsTheScriptsInInfraHooks()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml"));

        text.Should().Contain("postdeploy:").And.Contain("run: ./infra/hooks/postdeploy.sh").And.Contain("run: ./infra/hooks/postdeploy.ps1");
        HookFiles.Should().AllSatisfy(hook => File.Exists(Repository.InfraFile(hook)).Should().BeTrue(hook));
    }

    [Fact]
    public void ParametersFile_EveryParameter_IsDeclaredInMain()
    {
        var given = ParametersFile().Select(pair => pair.Key);

        given.Should().BeSubsetOf(infra.Main.ParameterNames);
    }

    [Fact]
    public void ParametersFile_EveryRequiredParameter_IsGiven()
    {
        var required = infra.MainJson["parameters"]!.AsObject()
            .Where(pair => !pair.Value!.AsObject().ContainsKey("defaultValue"))
            .Select(pair => pair.Key);

        required.Should().BeSubsetOf(ParametersFile().Select(pair => pair.Key));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("functionInstanceMemoryMB", "${FUNCTION_INSTANCE_MEMORY_MB=2048}")]
    [InlineData("functionMaximumInstanceCount", "${FUNCTION_MAXIMUM_INSTANCE_COUNT=100}")]
    [InlineData("corsAllowedOrigins", "${CORS_ALLOWED_ORIGINS=}")]
    [InlineData("apiAccess", "${API_ACCESS=anonymous}")]
    [InlineData("entraClientId", "${ENTRA_CLIENT_ID=}")]
    [InlineData("storageNetworkAccess", "${STORAGE_NETWORK_ACCESS=public}")]
    [InlineData("storageAllowedIpAddresses", "${STORAGE_ALLOWED_IP_ADDRESSES=}")]
    public void ParametersFile_Parameter_ComesFromTheAzdEnvironment(string parameter, string expected)
    {
        ParametersFile()[parameter]!["value"]!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public void ParametersFile_Defaults_MatchTheBicepDefaults()
    {
        var declared = infra.MainJson["parameters"]!;
        foreach (var (name, value) in ParametersFile())
        {
            var match = DefaultInParametersFile().Match(value!["value"]!.GetValue<string>());
            if (match.Success && declared[name]!["defaultValue"] is { } bicepDefault)
            {
                match.Groups["default"].Value.Should().Be(bicepDefault.ToString(), $"{name} has one default");
            }
        }
    }

    [Theory]
    [InlineData("hooks/postdeploy.sh")]
    [InlineData("hooks/postdeploy.ps1")]
    public void Hook_AzdVariablesItReads_AreOutputsOfMain(string hook)
    {
        var text = File.ReadAllText(Repository.InfraFile(hook));
        var variables = AzdVariable().Matches(text).Select(m => m.Value).Distinct().ToList();

        variables.Should().Contain(["AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"]);
        variables.Should().BeSubsetOf(infra.Main.OutputNames);
    }

    [Theory]
    [InlineData("hooks/postdeploy.sh")]
    [InlineData("hooks/postdeploy.ps1")]
    public void Hook_Deployment_UsesTheTestedSubscriptionTemplate(string hook)
    {
        var text = File.ReadAllText(Repository.InfraFile(hook));

        text.Should().Contain("az deployment group create").And.Contain("retrain-subscription.bicep");
        foreach (var parameter in new[] { "systemTopicName", "functionAppName", "datasetsContainerName" })
        {
            text.Should().Contain($"{parameter}=");
            infra.RetrainSubscription.ParameterNames.Should().Contain(parameter);
        }
    }

    [Theory]
    [InlineData("hooks/postdeploy.sh")]
    [InlineData("hooks/postdeploy.ps1")]
    public void Hook_CatalogUploads_SubscribeScoreCatalogToTheScoringContainer(string hook)
    {
        var text = File.ReadAllText(Repository.InfraFile(hook));

        text.Should().Contain("functionName=ScoreCatalog").And.Contain("subscriptionName=score-on-catalog-upload").And.Contain("SCORING_CONTAINER_NAME");
        infra.RetrainSubscription.ParameterNames.Should().Contain(["functionName", "subscriptionName"]);
        infra.Main.OutputNames.Should().Contain("SCORING_CONTAINER_NAME");
    }

    [Fact]
    public async Task PosixHook_Syntax_IsValidShell()
    {
        var startInfo = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-n");
        startInfo.ArgumentList.Add(Repository.InfraFile("hooks/postdeploy.sh"));
        using var shell = Process.Start(startInfo)!;
        var errors = await shell.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        shell.ExitCode.Should().Be(0, errors);
    }

    private static JsonObject ParametersFile() =>
        JsonNode.Parse(File.ReadAllText(Repository.InfraFile("main.parameters.json")))!["parameters"]!.AsObject();

    /// <summary>The "key: value" lines of a two-level block of a small YAML file (no YAML package needed).</summary>
    private static Dictionary<string, string> YamlBlock(string[] lines, string section, string entry)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inSection = false;
        var inEntry = false;
        foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
        {
            var indent = line.Length - line.TrimStart().Length;
            var trimmed = line.Trim();
            if (indent == 0)
            {
                inSection = trimmed == $"{section}:";
                inEntry = false;
            }
            else if (inSection && indent == 2)
            {
                inEntry = trimmed == $"{entry}:";
            }
            else if (inEntry && indent == 4 && trimmed.Split(':', 2) is [var key, var value])
            {
                values[key.Trim()] = value.Trim();
            }
        }

        return values;
    }

    [GeneratedRegex(@"\b(AZURE|SERVICE|DATASETS)_[A-Z0-9_]+\b")]
    private static partial Regex AzdVariable();

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+=(?<default>[^}]*)\}$")]
    private static partial Regex DefaultInParametersFile();
}
