param location string

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'plan-todo'
  location: location
  kind: 'linux'
  sku: {
    name: 'B1'
  }
  properties: {
    reserved: true
  }
}

output id string = plan.id
