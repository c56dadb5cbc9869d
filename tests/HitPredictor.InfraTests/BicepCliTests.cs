using System.Text.Json;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>Every Bicep file compiles and lints clean with the real Bicep CLI, offline.</summary>
public sealed partial class BicepCliTests(CompiledInfra infra)
{
    public static TheoryData<string> BicepFiles => [.. Repository.BicepFiles()];

    [Fact]
    public void Infra_BicepFiles_IncludeMainAndEveryModule()
    {
        Repository.BicepFiles().Should().Contain(
        [
            "main.bicep",
            "modules/storage.bicep",
            "modules/monitoring.bicep",
            "modules/hosting.bicep",
            "modules/identity.bicep",
            "modules/roles.bicep",
            "modules/eventgrid.bicep",
            "modules/retrain-subscription.bicep",
        ]);
    }

    [Fact]
    public void Build_AllBicepFiles_SucceedsWithoutDiagnostics()
    {
        infra.Build.ExitCode.Should().Be(0, infra.Build.StandardError);
        infra.Build.Diagnostics.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Build_EachBicepFile_WritesArmTemplateWithoutDiagnostics(string bicepFile)
    {
        infra.Build.DiagnosticsFor(Repository.InfraFile(bicepFile)).Should().BeEmpty();
        var path = infra.CompiledPath(bicepFile);
        File.Exists(path).Should().BeTrue($"bicep build should write {path}");
        using var template = JsonDocument.Parse(File.ReadAllText(path));
        template.RootElement.GetProperty("$schema").GetString().Should().ContainEquivalentOf("deploymentTemplate.json");
        template.RootElement.TryGetProperty("resources", out _).Should().BeTrue();
    }

    [Fact]
    public void Lint_AllBicepFiles_SucceedsWithoutWarningsOrErrors()
    {
        infra.Lint.ExitCode.Should().Be(0, infra.Lint.StandardError);
        infra.Lint.Diagnostics.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Lint_EachBicepFile_ReportsNoWarningsOrErrors(string bicepFile)
    {
        infra.Lint.DiagnosticsFor(Repository.InfraFile(bicepFile)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Modules_EachBicepFile_UsesOnlyLocalModules(string bicepFile)
    {
        var source = File.ReadAllText(Repository.InfraFile(bicepFile));

        var registryModules = RegistryModule().Matches(source).Select(m => m.Value);

        registryModules.Should().BeEmpty("registry modules (br:, br/public:, ts:) cannot be restored here");
    }

    [Fact]
    public async Task Lint_FileWithUnusedParameter_ReportsTheWarningForThatFile()
    {
        // The lint tests above pass only if warnings reach us and are matched to their file; prove both.
        var file = Path.Combine(Path.GetTempPath(), $"lint-probe-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(file, "param unused string\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await BicepCli.LintAsync(file, TestContext.Current.CancellationToken);

            result.DiagnosticsFor(file).Should().ContainSingle(line => line.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"module\s+\w+\s+'(br|ts)[:/][^']*'")]
    private static partial Regex RegistryModule();
}
