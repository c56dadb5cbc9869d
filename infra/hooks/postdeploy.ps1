# azd postdeploy hook (Windows twin of postdeploy.sh): subscribe the Retrain function to BlobCreated
# events under datasets/ (*.csv). The blob extension's webhook key exists only once the deployed host
# has started; infra/modules/retrain-subscription.bicep reads it with listKeys, so it is never printed.
$ErrorActionPreference = 'Stop'

$template = Join-Path $PSScriptRoot '..' 'modules' 'retrain-subscription.bicep'

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'postdeploy: the Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli'
}

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "postdeploy: $name is not set; run 'azd provision' first (it is an output of infra/main.bicep)."
    }
}
$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$topicName = $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME
$datasetsContainer = if ($env:DATASETS_CONTAINER_NAME) { $env:DATASETS_CONTAINER_NAME } else { 'datasets' }
$baseUri = if ($env:SERVICE_API_URI) { $env:SERVICE_API_URI } else { "https://$appName.azurewebsites.net" }
$maxAttempts = if ($env:RETRAIN_HOOK_MAX_ATTEMPTS) { [int]$env:RETRAIN_HOOK_MAX_ATTEMPTS } else { 30 }

Write-Host "postdeploy: waiting for the blobs_extension key of $appName..."
for ($attempt = 1; ; $attempt++) {
    try { Invoke-WebRequest -Uri "$baseUri/api/health" -TimeoutSec 30 -UseBasicParsing | Out-Null } catch { }
    $key = az functionapp keys list --resource-group $resourceGroup --name $appName `
        --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if ($key) { break }
    if ($attempt -ge $maxAttempts) {
        throw "postdeploy: no blobs_extension key after $maxAttempts attempts; re-run 'azd hooks run postdeploy' once the app is up."
    }
    Start-Sleep -Seconds 10
}
$key = $null

Write-Host "postdeploy: creating the Event Grid subscription on $topicName..."
az deployment group create `
    --resource-group $resourceGroup `
    --name retrain-subscription `
    --template-file $template `
    --parameters "systemTopicName=$topicName" "functionAppName=$appName" "datasetsContainerName=$datasetsContainer" `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'postdeploy: az deployment group create failed.' }

Write-Host "postdeploy: uploads to $datasetsContainer/*.csv now trigger the Retrain function."

# The same module for catalog scoring: BlobCreated under scoring/ (*.csv) to the ScoreCatalog function.
$scoringContainer = if ($env:SCORING_CONTAINER_NAME) { $env:SCORING_CONTAINER_NAME } else { 'scoring' }
az deployment group create `
    --resource-group $resourceGroup `
    --name score-catalog-subscription `
    --template-file $template `
    --parameters "systemTopicName=$topicName" "functionAppName=$appName" "functionName=ScoreCatalog" "datasetsContainerName=$scoringContainer" "subscriptionName=score-on-catalog-upload" `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'postdeploy: az deployment group create failed.' }

Write-Host "postdeploy: uploads to $scoringContainer/*.csv now trigger the ScoreCatalog function."
