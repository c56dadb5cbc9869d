using AwesomeAssertions;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Storage;
using HitPredictor.Tests.Cli;
using HitPredictor.Tests.Support;
using HitPredictor.Training.Packaging;

namespace HitPredictor.Tests.Serving;

public sealed class PublishTests(SampleModelFixture sample)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishCommand_ModelFolder_UploadsAndPointsCurrentAtIt()
    {
        using var store = new TempDirectory();

        var first = await CliRunner.RunAsync(null, "publish", "--model", sample.Directory, "--store", store.Path);
        var again = await CliRunner.RunAsync(null, "publish", "--model", sample.Directory, "--store", store.Path);

        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().Contain("Uploaded version").And.Contain("current.json now points at it");
        again.ExitCode.Should().Be(0, again.Output);
        again.Output.Should().Contain("already live");
        var pointer = await ModelStoreFactory.ForFolder(store.Path).GetCurrentAsync(Ct);
        pointer!.Version.Should().Be(sample.Package.Card.Version);
    }

    [Fact]
    public async Task PublishCommand_CorruptModel_ExitsTwoAndPublishesNothing()
    {
        using var model = new TempDirectory();
        using var store = new TempDirectory();
        model.Write(ModelPackage.ModelFileName, "not a zip");
        model.Write(ModelPackage.CardFileName, ServingTestData.CardJson(sample, "v1"));

        var outcome = await CliRunner.RunAsync(null, "publish", "--model", model.Path, "--store", store.Path);

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("not published");
        (await ModelStoreFactory.ForFolder(store.Path).GetCurrentETagAsync(Ct)).Should().BeNull();
    }

    [Fact]
    public async Task PublishCommand_CorruptCard_ExitsTwoNamingTheFile()
    {
        using var model = new TempDirectory();
        using var store = new TempDirectory();
        model.Write(ModelPackage.ModelFileName, "not a zip");
        model.Write(ModelPackage.CardFileName, "{\"version\": \"v1\",");

        var outcome = await CliRunner.RunAsync(null, "publish", "--model", model.Path, "--store", store.Path);

        outcome.ExitCode.Should().Be(2, outcome.Output);
        outcome.Output.Should().Contain("card.json").And.Contain("readable model card");
        (await ModelStoreFactory.ForFolder(store.Path).GetCurrentETagAsync(Ct)).Should().BeNull();
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("invalid JSON")]
    public async Task PublishCommand_UnreadablePointer_ReplacesItWithAWarning(string kind)
    {
        using var store = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(store.Path, "models"));
        var pointerPath = Path.Combine(store.Path, "models", ModelPointer.FileName);
        if (kind == "random bytes")
        {
            var noise = new byte[512];
            new Random(3).NextBytes(noise);
            File.WriteAllBytes(pointerPath, noise);
        }
        else
        {
            File.WriteAllText(pointerPath, "{\"version\": ");
        }

        var outcome = await CliRunner.RunAsync(null, "publish", "--model", sample.Directory, "--store", store.Path);

        outcome.ExitCode.Should().Be(0, outcome.Output);
        outcome.Output.Should().Contain("Warning").And.Contain("unreadable").And.Contain("current.json now points at it");
        (await ModelStoreFactory.ForFolder(store.Path).GetCurrentAsync(Ct))!.Version.Should().Be(sample.Package.Card.Version);
    }

    [Fact]
    public async Task PublishCommand_NoStore_ExitsWithUsage()
    {
        var outcome = await CliRunner.RunAsync(null, "publish", "--model", sample.Directory);

        outcome.ExitCode.Should().NotBe(0);
        outcome.Output.Should().Contain("--store");
    }

    [Fact]
    public async Task Publish_SecondVersion_MovesPointerAndRemembersPrevious()
    {
        using var folder = new TempDirectory();
        var store = ModelStoreFactory.ForFolder(folder.Path);

        await ServingTestData.PublishAsync(store, sample, "v1");
        var second = await ServingTestData.PublishAsync(store, sample, "v2");

        second.Should().BeEquivalentTo(new { Version = "v2", Uploaded = true, PreviousVersion = "v1" });
        (await store.GetCurrentAsync(Ct))!.Version.Should().Be("v2");
    }

    [Fact]
    public async Task Publish_CardVersionNotAPathSegment_IsRefused()
    {
        using var folder = new TempDirectory();
        var store = ModelStoreFactory.ForFolder(folder.Path);
        var stored = ServingTestData.Stored(sample, "v1");

        var publish = () => ModelPublisher.PublishAsync(store, stored.ModelZip, ServingTestData.CardJson(sample, "../x"), Ct);

        await publish.Should().ThrowAsync<ModelValidationException>();
    }
}
