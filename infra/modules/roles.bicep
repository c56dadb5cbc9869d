// Role assignments, each scoped as narrowly as the data allows: blob roles on the containers each part
// uses (read-only where it only reads), queue and table roles on the queue and table services (the host
// names its queues and tables at run time), telemetry on the Application Insights component. Nothing is
// granted on the whole storage account. The deploying user optionally gets what `az storage blob upload
// --auth-mode login` and `hitpredictor publish` / `models rollback` need (shared keys are off).

@description('Storage account the app uses for the host and for its data.')
param storageAccountName string

@description('Container of uploaded datasets (the app only reads them).')
param datasetsContainerName string

@description('Container of model versions, current.json, the dataset index and the retraining lock.')
param modelsContainerName string

@description('Container of retraining reports.')
param reportsContainerName string

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Container of catalogs to score (the app only reads them).')
param scoringContainerName string

@description('Container of scored catalogs and their reports.')
param scoredContainerName string

@description('Container of catalog runs (chunks, results, records, merge claims).')
param catalogRunsContainerName string

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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource datasetsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: datasetsContainerName
}

resource modelsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: modelsContainerName
}

resource reportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: reportsContainerName
}

resource scoringContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: scoringContainerName
}

resource scoredContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: scoredContainerName
}

resource catalogRunsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: catalogRunsContainerName
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: deploymentContainerName
}

resource hostsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: 'azure-webjobs-hosts'
}

resource secretsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: 'azure-webjobs-secrets'
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The app reads uploaded datasets (the Event Grid-sourced blob trigger); it never writes them.
resource identityDatasetsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(datasetsContainer.id, identityPrincipalId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: datasetsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1') // Storage Blob Data Reader
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Serving reads versions and current.json; retraining writes versions, moves current.json, records
// trained datasets and holds the retraining lease (a blob lease) in this container.
resource identityModelsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(modelsContainer.id, identityPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: modelsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Retraining writes its reports.
resource identityReportsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reportsContainer.id, identityPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: reportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Catalog scoring reads uploaded catalogs (the Event Grid-sourced blob trigger); it never writes them.
resource identityScoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scoringContainer.id, identityPrincipalId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: scoringContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1') // Storage Blob Data Reader
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Catalog scoring writes the merged CSV and its report.
resource identityScoredContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scoredContainer.id, identityPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: scoredContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Catalog scoring writes each run's chunks, results, summaries and merge claim.
resource identityCatalogRunsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(catalogRunsContainer.id, identityPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: catalogRunsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Flex Consumption reads the app package from its deployment container with this identity.
resource identityDeploymentContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, identityPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions host (AzureWebJobsStorage): its locks, leases and blob trigger receipts.
resource identityHostsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostsContainer.id, identityPrincipalId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: hostsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions host (AzureWebJobsStorage): its function keys.
resource identitySecretsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(secretsContainer.id, identityPrincipalId, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: secretsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The blob trigger's poison queue and the host's queues, named at run time; catalog scoring sends its
// chunks to catalog-chunks and the queue trigger reads them (and moves a poison message to catalog-chunks-poison).
resource identityQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queueService.id, identityPrincipalId, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: queueService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88') // Storage Queue Data Contributor
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The host's diagnostic events, in tables named at run time.
resource identityTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(tableService.id, identityPrincipalId, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: tableService
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

// Optional, for the deploying user: upload datasets with `--auth-mode login`.
resource userDatasetsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(datasetsContainer.id, userPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: datasetsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

// Optional, for the deploying user: `hitpredictor publish`, `models list` and `models rollback`.
resource userModelsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(modelsContainer.id, userPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: modelsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

// Optional, for the deploying user: read the retraining reports.
resource userReportsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(reportsContainer.id, userPrincipalId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: reportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1') // Storage Blob Data Reader
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

// Optional, for the deploying user: upload catalogs to score.
resource userScoringContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(scoringContainer.id, userPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: scoringContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

// Optional, for the deploying user: download scored catalogs and their reports.
resource userScoredReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(scoredContainer.id, userPrincipalId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: scoredContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1') // Storage Blob Data Reader
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
