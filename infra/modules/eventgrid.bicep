// The Event Grid system topic of the storage account. Its subscription (BlobCreated under
// datasets/, ending .csv) points at the blob extension's webhook, whose key exists only after the
// app is deployed, so retrain-subscription.bicep is deployed by the azd postdeploy hook.

@description('Name of the system topic.')
param name string

@description('Azure region (the storage account\'s).')
param location string

@description('Tags for the resource.')
param tags object

@description('Name of the storage account whose events the topic carries.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
output id string = systemTopic.id
