// Flex Consumption plan (FC1, Linux) and the Function App (dotnet-isolated 10.0). Everything the app
// reaches, it reaches as its user-assigned identity: host storage, the ModelStorage connection,
// the deployment package and Application Insights. The app-setting names here are the ones the
// code reads; infra/app-settings.json lists them and the infra tests check that both agree.

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources; the app also gets azd-service-name.')
param tags object

@description('azd service name of the app in azure.yaml.')
param serviceName string = 'api'

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, ModelStorage__clientId, telemetry).')
param identityClientId string

@description('Name of the storage account used by the host and for the app\'s data.')
param storageAccountName string

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Maximum number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Container of uploaded datasets (Serving:DatasetsContainer).')
param datasetsContainerName string

@description('Container of model versions (Serving:ModelsContainer).')
param modelsContainerName string

@description('Container of retraining reports (Serving:ReportsContainer).')
param reportsContainerName string

@description('Seconds between checks of models/current.json (Serving:PollSeconds).')
@minValue(1)
@maxValue(3600)
param pollSeconds int

@description('Origins whose web pages may call the API from a browser (the platform\'s CORS). Empty: same-origin only.')
param corsAllowedOrigins array = []

@description('anonymous: the page and the API are public. entra: App Service authentication signs callers in with Microsoft Entra ID before anything but /api/health runs; no code changes.')
@allowed([
  'anonymous'
  'entra'
])
param apiAccess string = 'anonymous'

@description('Client id of the Entra ID app registration that signs callers in (apiAccess entra).')
param entraClientId string = ''

@description('Subnet the app integrates with (the network-restricted option); empty for none.')
param virtualNetworkSubnetId string = ''

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
  // FUNCTIONS_EXTENSION_VERSION must not be set here.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage, by identity.
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // The app's data and the Retrain blob trigger (Connection = "ModelStorage"), by identity.
      ModelStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      ModelStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      ModelStorage__credential: 'managedidentity'
      ModelStorage__clientId: identityClientId
      // Telemetry with Entra ID: local auth is disabled on the component.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // ServingOptions (section "Serving").
      Serving__ModelsContainer: modelsContainerName
      Serving__DatasetsContainer: datasetsContainerName
      Serving__ReportsContainer: reportsContainerName
      Serving__PollSeconds: string(pollSeconds)
    }
  }
}

// Protected mode: the platform (App Service authentication, "Easy Auth") answers before the app does. A browser is
// sent to the Entra ID sign-in page and comes back with a session cookie, so the web page and its same-origin
// calls work as before; an API client sends a bearer token for the app registration. /api/health stays open
// for probes. The function classes keep AuthorizationLevel.Anonymous: access is decided here, at deployment.
resource authentication 'Microsoft.Web/sites/config@2024-04-01' = if (apiAccess == 'entra') {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/health'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output uri string = 'https://${functionApp.properties.defaultHostName}'
