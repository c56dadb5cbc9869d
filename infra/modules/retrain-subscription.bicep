// An Event Grid subscription that feeds an Event Grid-sourced blob trigger: Retrain on datasets/ (the
// defaults) and ScoreCatalog on scoring/ (the postdeploy hook deploys this module once for each).
// Deployed by infra/hooks/postdeploy.* after `azd deploy`, because the webhook needs the blob
// extension's system key, which the Functions host creates only once the app is running:
//   https://<default host name>/runtime/webhooks/blobs?functionName=Host.Functions.Retrain&code=<blobs_extension key>
// The key is read here with listKeys, so it never passes through the shell or the azd environment.

@description('Name of the Event Grid system topic on the storage account (output of main.bicep).')
param systemTopicName string

@description('Name of the Function App that hosts the Retrain function.')
param functionAppName string

@description('Name of the function with the Event Grid-sourced blob trigger.')
param functionName string = 'Retrain'

@description('Container whose new .csv blobs trigger the function (datasets for Retrain, scoring for ScoreCatalog).')
param datasetsContainerName string = 'datasets'

@description('Name of the event subscription.')
param subscriptionName string = 'retrain-on-dataset-upload'

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host's keys (Microsoft.Web/sites/host has no Bicep types, so listKeys is called by resource id).
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource retrainSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${datasetsContainerName}/blobs/'
      subjectEndsWith: '.csv'
      isSubjectCaseSensitive: false
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = retrainSubscription.name
