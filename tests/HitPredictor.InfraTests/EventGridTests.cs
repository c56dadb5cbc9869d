using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>
/// The Event Grid system topic (main.bicep) and the subscription the postdeploy hook creates
/// (modules/retrain-subscription.bicep): BlobCreated under datasets/, ending .csv, to Retrain's webhook.
/// </summary>
public sealed class EventGridTests(CompiledInfra infra)
{
    private ArmResource Subscription => infra.RetrainSubscription.One("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    [Fact]
    public void SystemTopic_Source_IsTheStorageAccount()
    {
        var topic = infra.Main.One("Microsoft.EventGrid/systemTopics");

        topic["properties.topicType"]!.GetValue<string>().Should().Be("Microsoft.Storage.StorageAccounts");
        topic["properties.source"]!.GetValue<string>().Should().Contain("resourceId('Microsoft.Storage/storageAccounts'");
    }

    [Fact]
    public void Subscription_EventTypes_AreBlobCreatedOnly()
    {
        Subscription["properties.filter.includedEventTypes"]!.AsArray().Select(t => t!.GetValue<string>())
            .Should().Equal("Microsoft.Storage.BlobCreated");
    }

    [Fact]
    public void Subscription_Subject_BeginsWithTheDatasetsContainer()
    {
        Subscription["properties.filter.subjectBeginsWith"]!.GetValue<string>()
            .Should().Be("/blobServices/default/containers/datasets/blobs/");
    }

    [Fact]
    public void Subscription_Subject_EndsWithCsv()
    {
        Subscription["properties.filter.subjectEndsWith"]!.GetValue<string>().Should().Be(".csv");
    }

    [Fact]
    public void Subscription_Endpoint_IsTheBlobExtensionWebhookOfRetrain()
    {
        var destination = Subscription["properties.destination"]!;
        var url = destination["properties"]!["endpointUrl"]!.GetValue<string>();

        destination["endpointType"]!.GetValue<string>().Should().Be("WebHook");
        url.Should().StartWith("https://").And.Contain("defaultHostName")
            .And.Contain("/runtime/webhooks/blobs?functionName=Host.Functions.Retrain&code=");
        url.Should().Contain("listKeys(").And.Contain("/host/default").And.EndWith($"systemKeys.blobs_extension{ArmExpression.MarkerEnd}");
    }

    [Fact]
    public void Subscription_Schema_IsEventGridSchema()
    {
        Subscription["properties.eventDeliverySchema"]!.GetValue<string>().Should().Be("EventGridSchema");
    }

    [Fact]
    public void Subscription_Parent_IsTheTopicNamedByTheHook()
    {
        Subscription.Name.Should().Be("evgt-test/retrain-on-dataset-upload");
    }

    [Fact]
    public void MainOutputs_DatasetsContainer_MatchesTheSubscriptionFilter()
    {
        var container = infra.Main.Output("DATASETS_CONTAINER_NAME")!.GetValue<string>();

        container.Should().Be("datasets");
        Subscription["properties.filter.subjectBeginsWith"]!.GetValue<string>().Should().Contain($"/containers/{container}/");
    }
}
