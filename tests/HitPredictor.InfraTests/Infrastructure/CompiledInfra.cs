using System.Text.Json.Nodes;

[assembly: AssemblyFixture(typeof(HitPredictor.InfraTests.Infrastructure.CompiledInfra))]

namespace HitPredictor.InfraTests.Infrastructure;

/// <summary>
/// Builds and lints every Bicep file under infra/ once per test run with the real Bicep CLI (one process
/// each, so the run stays quick), and hands out the ARM JSON, evaluated with the parameters azd would pass.
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    /// <summary>The object id the tests pass as the deploying user.</summary>
    public const string UserPrincipalId = "11111111-2222-3333-4444-555555555555";

    private readonly string _outputDirectory =
        Path.Combine(Path.GetTempPath(), $"hitpredictor-infra-{Guid.NewGuid():N}");

    private BicepResult? _build;
    private BicepResult? _lint;

    public BicepResult Build => _build ?? throw new InvalidOperationException("Not initialized.");

    public BicepResult Lint => _lint ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>What azd passes from main.parameters.json in a fresh environment (the rest take defaults).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> AzdParameters(params (string Name, JsonNode? Value)[] overrides)
    {
        var values = new Dictionary<string, JsonNode?>
        {
            ["environmentName"] = "hitpredictor-test",
            ["location"] = "swedencentral",
            ["principalId"] = UserPrincipalId,
        };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>main.bicep compiled, modules inlined as nested deployments, with <see cref="AzdParameters"/>.</summary>
    public CompiledTemplate Main => CompiledTemplate.Create(MainJson, AzdParameters());

    public JsonObject MainJson => CompiledJson("main.bicep");

    /// <summary>The Event Grid subscription template the postdeploy hook deploys, with its defaults.</summary>
    public CompiledTemplate RetrainSubscription => CompiledTemplate.Create(
        CompiledJson("modules/retrain-subscription.bicep"),
        new Dictionary<string, JsonNode?> { ["systemTopicName"] = "evgt-test", ["functionAppName"] = "func-test" });

    /// <summary>The path of the ARM JSON compiled from a Bicep file (relative to infra/).</summary>
    public string CompiledPath(string bicepFile) =>
        Path.Combine(_outputDirectory, Path.ChangeExtension(bicepFile, ".json"));

    public JsonObject CompiledJson(string bicepFile)
    {
        var path = CompiledPath(bicepFile);
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"bicep build wrote no {path}:\n{Build.StandardError}");
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_outputDirectory);
        _build = await BicepCli.BuildAllAsync(_outputDirectory, CancellationToken.None);
        _lint = await BicepCli.LintAllAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }

        return default;
    }
}
