// The network-restricted option (storageNetworkAccess = 'restricted'): a virtual network whose one subnet the
// Function App joins (Flex Consumption VNet integration), with a Microsoft.Storage service endpoint, so the storage
// account can deny every other network and still accept the app.

@description('Name of the virtual network.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Name of the subnet the Function App integrates with.')
param appSubnetName string = 'app'

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.20.0.0/16'
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: '10.20.0.0/24'
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
          ]
        }
      }
    ]
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, appSubnetName)
