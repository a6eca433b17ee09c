targetScope = 'subscription'

param environmentName string
param location string

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-${environmentName}'
  location: location
}

module plan './app/plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    location: location
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    location: location
    planId: plan.outputs.id
  }
}
