// Hit Predictor on Azure: `azd up` provisions this and deploys functions/HitPredictor.Functions.
// Plain resources in local modules only (no registry modules), so it compiles and lints offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or pipeline, given blob data access to upload datasets. Empty to skip.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Memory of each Function App instance, in MB (Flex Consumption).')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Maximum number of instances the Function App scales out to (Flex Consumption).')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Seconds between checks of models/current.json by each instance.')
@minValue(1)
@maxValue(3600)
param servingPollSeconds int = 30

@description('Origins whose web pages may call the API from a browser, comma-separated (https://app.example.com). Empty: same-origin only.')
param corsAllowedOrigins string = ''

@description('anonymous: the page and the API are public. entra: App Service authentication with Microsoft Entra ID in front of everything but /api/health (needs entraClientId).')
@allowed([
  'anonymous'
  'entra'
])
param apiAccess string = 'anonymous'

@description('Client id of the Entra ID app registration that signs callers in, when apiAccess is entra.')
param entraClientId string = ''

@description('public: the storage account accepts every network (every caller still needs an Entra ID role). restricted: a virtual network for the Function App (VNet integration, storage service endpoint); the account then accepts only that subnet, Azure trusted services and storageAllowedIpAddresses. Trade-offs in docs/deploy.md.')
@allowed([
  'public'
  'restricted'
])
param storageNetworkAccess string = 'public'

@description('With storageNetworkAccess restricted: public IPv4 addresses or CIDR ranges, comma-separated, allowed to reach the storage account (the machine running azd deploy, dataset uploaders).')
param storageAllowedIpAddresses string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  app: 'hit-predictor'
}

// Blob layout of the app (docs/retraining.md and docs/serving.md), plus the container the plan deploys the package from.
var datasetsContainerName = 'datasets'
var modelsContainerName = 'models'
var reportsContainerName = 'reports'
// Catalog scoring (docs/catalog.md): uploads, scored CSVs with their reports, each run's chunks; the chunk queue.
// The names are fixed in the app (CatalogNames): its triggers bind them.
var scoringContainerName = 'scoring'
var scoredContainerName = 'scored'
var catalogRunsContainerName = 'catalog-runs'
var catalogQueueName = 'catalog-chunks'
var deploymentContainerName = 'app-package-${resourceToken}'
var restrictNetwork = storageNetworkAccess == 'restricted'
var virtualNetworkName = 'vnet-${resourceToken}'
var appSubnetName = 'app'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-func-${resourceToken}'
    location: location
    tags: tags
  }
}

module network 'modules/network.bicep' = if (restrictNetwork) {
  name: 'network'
  scope: rg
  params: {
    name: virtualNetworkName
    location: location
    tags: tags
    appSubnetName: appSubnetName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    datasetsContainerName: datasetsContainerName
    modelsContainerName: modelsContainerName
    reportsContainerName: reportsContainerName
    deploymentContainerName: deploymentContainerName
    scoringContainerName: scoringContainerName
    scoredContainerName: scoredContainerName
    catalogRunsContainerName: catalogRunsContainerName
    catalogQueueName: catalogQueueName
    networkAccess: storageNetworkAccess
    allowedSubnetId: restrictNetwork ? network!.outputs.appSubnetId : ''
    allowedIpAddresses: empty(storageAllowedIpAddresses) ? [] : map(split(storageAllowedIpAddresses, ','), address => trim(address))
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    datasetsContainerName: datasetsContainerName
    modelsContainerName: modelsContainerName
    reportsContainerName: reportsContainerName
    deploymentContainerName: deploymentContainerName
    scoringContainerName: scoringContainerName
    scoredContainerName: scoredContainerName
    catalogRunsContainerName: catalogRunsContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module hosting 'modules/hosting.bicep' = {
  name: 'hosting'
  scope: rg
  // The host starts with the identity's roles in place (storage, deployment package, telemetry).
  dependsOn: [
    roles
  ]
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    datasetsContainerName: datasetsContainerName
    modelsContainerName: modelsContainerName
    reportsContainerName: reportsContainerName
    pollSeconds: servingPollSeconds
    corsAllowedOrigins: empty(corsAllowedOrigins) ? [] : split(corsAllowedOrigins, ',')
    apiAccess: apiAccess
    entraClientId: entraClientId
    virtualNetworkSubnetId: restrictNetwork ? network!.outputs.appSubnetId : ''
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

// azd stores these in the environment; the postdeploy hook and the commands in docs/deploy.md use them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = hosting.outputs.name
output SERVICE_API_URI string = hosting.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output DATASETS_CONTAINER_NAME string = datasetsContainerName
output SCORING_CONTAINER_NAME string = scoringContainerName
