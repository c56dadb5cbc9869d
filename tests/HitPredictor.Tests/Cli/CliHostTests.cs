using AwesomeAssertions;
using HitPredictor.Cli.Commands;
using HitPredictor.Serving.Retraining;
using HitPredictor.Tests.Support;
using Microsoft.Extensions.Options;

namespace HitPredictor.Tests.Cli;

/// <summary>The CLI's store commands run on the app's registrations, with its options validated before anything runs (#13 item 4).</summary>
public sealed class CliHostTests
{
    [Fact]
    public void Create_FolderStore_BuildsTheModelAndRetrainingStoresOverThatFolder()
    {
        using var folder = new TempDirectory();

        using var host = CliHost.Create(folder.Path, "models");

        host.Models.Description.Should().Be($"folder {Path.Combine(folder.Path, "models")}");
        host.RetrainStores.Models.Should().BeSameAs(host.Models);
        host.Get<RetrainService>().Should().NotBeNull();
    }

    [Fact]
    public void Create_SettingOutOfRange_FailsWithTheAppsValidationMessage()
    {
        using var folder = new TempDirectory();

        var create = () => CliHost.Create(folder.Path, "models", new Dictionary<string, string?> { ["Retraining:Trees"] = "0" });

        create.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Be("Retraining:Trees must be 1 to 2000, got 0.");
    }

    [Fact]
    public void Create_BadContainerName_FailsNamingTheSetting()
    {
        using var folder = new TempDirectory();

        var create = () => CliHost.Create(folder.Path, "Bad_Name");

        create.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Serving:ModelsContainer must be a blob container name");
    }
}
