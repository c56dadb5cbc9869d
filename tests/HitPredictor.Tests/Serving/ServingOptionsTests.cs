using AwesomeAssertions;
using HitPredictor.Serving;
using HitPredictor.Serving.Engines;
using HitPredictor.Serving.Http;
using HitPredictor.Serving.Retraining;
using HitPredictor.Serving.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HitPredictor.Tests.Serving;

public sealed class ServingOptionsTests
{
    [Fact]
    public void Validate_ManyBadValues_ReportsEveryOne()
    {
        var options = new ServingOptions
        {
            ModelsContainer = "Models!",
            PollSeconds = 0,
            PoolSize = 0,
            MaxBatchSize = -1,
            MaxBodyBytes = 10,
            RetryAfterSeconds = 0,
        };

        var result = new ServingOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(6);
        result.FailureMessage.Should().Contain("Serving:PollSeconds").And.Contain("Serving:ModelsContainer");
    }

    [Fact]
    public void Validate_AudioLimitsOutOfRange_NamesEachSetting()
    {
        var options = new ServingOptions { MaxAudioBytes = 10, MaxAudioSeconds = 1, MaxConcurrentAnalyses = 0, AnalysisWaitSeconds = 61 };

        var result = new ServingOptionsValidator().Validate(null, options);

        result.Failures.Should().HaveCount(4);
        result.FailureMessage.Should().Contain("Serving:MaxAudioBytes must be 1024 to 1073741824, got 10")
            .And.Contain("Serving:MaxAudioSeconds must be 6 to 10800, got 1")
            .And.Contain("Serving:MaxConcurrentAnalyses").And.Contain("Serving:AnalysisWaitSeconds");
    }

    [Fact]
    public void Defaults_AudioLimits_Are64MiBAndTwentyMinutesAndOneAnalysisPerProcessor()
    {
        var options = new ServingOptions();

        options.MaxAudioBytes.Should().Be(64L * 1024 * 1024);
        options.MaxAudioSeconds.Should().Be(1_200);
        options.MaxConcurrentAnalyses.Should().Be(Environment.ProcessorCount);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        new ServingOptionsValidator().Validate(null, new ServingOptions()).Succeeded.Should().BeTrue();

    [Fact]
    public void AddHitPredictorServing_CalledTwice_RegistersOnceAndBindsSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serving:StoreFolder"] = Path.GetTempPath(),
            ["Serving:PollSeconds"] = "7",
            ["Serving:PoolSize"] = "3",
        }).Build();
        var services = new ServiceCollection().AddLogging();

        services.AddHitPredictorServing(configuration).AddHitPredictorServing(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Should().ContainSingle();
        provider.GetRequiredService<IOptions<ServingOptions>>().Value.PollSeconds.Should().Be(7);
        provider.GetRequiredService<EnginePool>().PoolSize.Should().Be(3);
        provider.GetRequiredService<IModelStore>().Description.Should().StartWith("folder ");
        provider.GetRequiredService<ScoreHandler>().Should().NotBeNull();
    }

    [Fact]
    public void StoreLocation_NothingConfigured_SaysWhatToSet()
    {
        var configuration = new ConfigurationBuilder().Build();

        FluentActions.Invoking(() => StoreLocation.FromConfiguration(configuration, new ServingOptions()))
            .Should().Throw<InvalidOperationException>().WithMessage("*Serving:StoreFolder*ModelStorage*blobServiceUri*");
    }

    [Fact]
    public void StoreLocation_IdentityBasedUri_UsesBlobStoreWithoutConnecting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelStorage:blobServiceUri"] = "https://example.blob.core.windows.net",
            ["ModelStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var store = StoreLocation.FromConfiguration(configuration, new ServingOptions()).CreateModelStore("models");

        store.Description.Should().Be("blob container https://example.blob.core.windows.net/models");
    }

    [Theory]
    [InlineData("ModelStorage:blobServiceUri", "https://example.blob.core.windows.net", typeof(BlobReportStore), typeof(BlobDatasetIndex))]
    [InlineData("Serving:StoreFolder", "/tmp/hitpredictor-tests/location", typeof(FolderReportStore), typeof(FolderDatasetIndex))]
    public void AddHitPredictorRetraining_OneLocation_ModelAndRetrainingStoresBuiltOverIt(string key, string value, Type reports, Type datasets)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddHitPredictorRetraining(configuration).BuildServiceProvider();

        // Act
        var location = provider.GetRequiredService<StoreLocation>();
        var stores = provider.GetRequiredService<RetrainStores>();

        // Assert
        (location.Service?.Uri.ToString().TrimEnd('/') ?? location.Folder).Should().Be(value);
        stores.Models.Should().BeSameAs(provider.GetRequiredService<IModelStore>());
        stores.Reports.Should().BeOfType(reports);
        stores.Datasets.Should().BeOfType(datasets);
    }
}
