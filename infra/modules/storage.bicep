// One storage account for everything: the Functions host, the app's data (datasets, models, reports)
// and the Flex Consumption deployment package. Reached by Entra ID only: shared keys are off.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Container where uploaded datasets land; a new .csv blob here triggers retraining.')
param datasetsContainerName string

@description('Container holding model versions and the current.json pointer.')
param modelsContainerName string

@description('Container holding retraining reports.')
param reportsContainerName string

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Container where catalogs to score land; a new .csv blob here starts a catalog run.')
param scoringContainerName string

@description('Container of scored catalogs and their run reports.')
param scoredContainerName string

@description('Container of catalog runs\' chunks, results and records.')
param catalogRunsContainerName string

@description('Queue of catalog chunks (the ScoreChunk queue trigger).')
param catalogQueueName string

@description('public: every network may reach the account (callers still need an Entra ID role). restricted: only the subnet in allowedSubnetId, Azure trusted services and allowedIpAddresses.')
@allowed([
  'public'
  'restricted'
])
param networkAccess string = 'public'

@description('With networkAccess restricted: the subnet (with a Microsoft.Storage service endpoint) the Function App integrates with.')
param allowedSubnetId string = ''

@description('With networkAccess restricted: public IPv4 addresses or CIDR ranges allowed in (the deploying machine, dataset uploaders).')
param allowedIpAddresses array = []

// The Functions host's own containers are created here too, so that its roles can be scoped to them
// (a container-scoped role cannot create its container).
var containerNames = [
  datasetsContainerName
  modelsContainerName
  reportsContainerName
  deploymentContainerName
  scoringContainerName
  scoredContainerName
  catalogRunsContainerName
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Restricted keeps the public endpoint on for the listed networks only; the rest are denied.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: networkAccess == 'restricted' ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      virtualNetworkRules: networkAccess == 'restricted'
        ? [
            {
              id: allowedSubnetId
              action: 'Allow'
            }
          ]
        : []
      ipRules: networkAccess == 'restricted' ? map(allowedIpAddresses, address => { value: address, action: 'Allow' }) : []
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource catalogQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queueService
  name: catalogQueueName
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
