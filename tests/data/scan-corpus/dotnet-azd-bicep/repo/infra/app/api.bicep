param location string
param planId string

resource api 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-api-todo'
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: planId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|8.0'
      alwaysOn: true
    }
  }
}
