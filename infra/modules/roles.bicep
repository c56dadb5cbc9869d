// Role assignments: the app's user-assigned identity gets only what the Functions host, the
// Event Grid-sourced blob trigger and telemetry need; the deploying user optionally gets blob data
// access so that `az storage blob upload --auth-mode login` works (shared keys are off).

@description('Storage account the app uses for the host and for its data.')
param storageAccountName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param identityPrincipalId string

@description('Principal id of the deploying user or pipeline; empty to skip its role assignments.')
param userPrincipalId string = ''

@description('Kind of principal userPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Storage Blob Data Owner: the host (AzureWebJobsStorage: keys, leases, deployment package) and the
// ModelStorage connection (datasets, models, reports, the retraining lease).
resource identityBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor: the Event Grid-sourced blob trigger keeps its poison queue in the
// ModelStorage account, and the host uses queues of AzureWebJobsStorage.
resource identityQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88') // Storage Queue Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor: the host writes diagnostic events to tables of AzureWebJobsStorage.
resource identityTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3') // Storage Table Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Monitoring Metrics Publisher: telemetry ingestion with Entra ID (local auth is disabled).
resource identityMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb') // Monitoring Metrics Publisher
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Optional, for the deploying user: Storage Blob Data Contributor, to upload datasets and read
// models and reports with `--auth-mode login`.
resource userBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
