#!/bin/sh
# azd postdeploy hook: subscribe the Retrain function to BlobCreated events under datasets/ (*.csv).
# The Event Grid-sourced blob trigger is reached through the blob extension's webhook, whose system key
# (blobs_extension) exists only once the deployed host has started, so this runs after `azd deploy`.
# The subscription itself is infra/modules/retrain-subscription.bicep (compiled and tested with the rest);
# it reads the key with listKeys, so the key is never printed or stored in the azd environment.
# Idempotent: re-running updates the same subscription.
set -eu

script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
template="$script_dir/../modules/retrain-subscription.bicep"

if ! command -v az >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli" >&2
  exit 1
fi

for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_EVENTGRID_SYSTEM_TOPIC_NAME; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "postdeploy: $name is not set; run 'azd provision' first (it is an output of infra/main.bicep)." >&2
    exit 1
  fi
done
datasets_container=${DATASETS_CONTAINER_NAME:-datasets}
health_url="${SERVICE_API_URI:-https://$AZURE_FUNCTION_APP_NAME.azurewebsites.net}/api/health"

# Wake the host (Flex Consumption scales to zero) and wait until it has created the blobs_extension key.
echo "postdeploy: waiting for the blobs_extension key of $AZURE_FUNCTION_APP_NAME..."
attempt=1
max_attempts=${RETRAIN_HOOK_MAX_ATTEMPTS:-30}
while :; do
  if command -v curl >/dev/null 2>&1; then
    curl --silent --output /dev/null --max-time 30 "$health_url" || true
  fi
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    break
  fi
  if [ "$attempt" -ge "$max_attempts" ]; then
    echo "postdeploy: no blobs_extension key after $max_attempts attempts; is the Retrain function deployed?" >&2
    echo "postdeploy: re-run with 'azd hooks run postdeploy' once the app is up." >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 10
done
key=''

echo "postdeploy: creating the Event Grid subscription on $AZURE_EVENTGRID_SYSTEM_TOPIC_NAME..."
az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name retrain-subscription \
  --template-file "$template" \
  --parameters \
    systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    functionAppName="$AZURE_FUNCTION_APP_NAME" \
    datasetsContainerName="$datasets_container" \
  --output none

echo "postdeploy: uploads to $datasets_container/*.csv now trigger the Retrain function."

# The same module for catalog scoring: BlobCreated under scoring/ (*.csv) to the ScoreCatalog function.
scoring_container=${SCORING_CONTAINER_NAME:-scoring}
az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name score-catalog-subscription \
  --template-file "$template" \
  --parameters \
    systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    functionAppName="$AZURE_FUNCTION_APP_NAME" \
    functionName=ScoreCatalog \
    datasetsContainerName="$scoring_container" \
    subscriptionName=score-on-catalog-upload \
  --output none

echo "postdeploy: uploads to $scoring_container/*.csv now trigger the ScoreCatalog function."
