// Azure resources for the bystander support bot, deployed into one resource group.
//
// The bot authenticates as a user-assigned managed identity (no client secret anywhere), stores
// its state in Azure Table Storage through Entra ID (shared keys are switched off), and keeps any
// future secret in Key Vault, referenced from the app settings, never in the settings themselves.
//
// Deploy with the Agents Toolkit (m365agents.yml, arm/deploy) or with
//   az deployment group create -g <group> -f infra/main.bicep -p resourceBaseName=<name> ...
// See docs/DEPLOY.md.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Prefix for every resource name: lowercase letters, digits and hyphens, e.g. "bystander-ab12".')
param resourceBaseName string

@description('Azure region for everything except the bot registration (Azure Bot Service is a global resource). Case content and logs stay in this region: keep it in the EU (West Europe = Amsterdam, the default; or North Europe, Sweden Central, Germany West Central, France Central).')
param location string = 'westeurope'

@maxLength(42)
@description('The bot\'s display name in the Azure Bot registration.')
param botDisplayName string = 'Bystander support'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot pricing tier. Teams is a standard channel, free on both tiers; S1 adds the premium-channel SLA.')
param botSku string = 'F0'

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan tier (Linux). Always On needs Basic or higher; P0v3 or higher for production.')
param appServicePlanSku string = 'B1'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Storage redundancy. Zone-redundant by default: a confirmed handoff must survive a datacentre failure.')
param storageSku string = 'Standard_ZRS'

@description('Comma-separated Entra tenant ids whose users may talk to the bot; defaults to this tenant.')
param allowedTenantIds string = tenant().tenantId

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@allowed([
  'nl'
  'en'
])
@description('Language for users whose Teams locale is neither Dutch nor English.')
param defaultLocale string = 'en'

@description('Object id of the Entra group of confidential advisers (vertrouwenspersonen).')
param advisorGroupId string

@description('Object id of the Entra group of backup advisers, who receive escalated requests. Empty or \'none\': no backup group (the Agents Toolkit cannot pass an empty value, so its env file says none).')
param backupGroupId string = ''

@description('Object id of the Entra group of programme leads, who receive team-dialogue requests.')
param programmeGroupId string

@description('Object id of the Entra group that may read the programme\'s anonymous figures in Teams. Empty: the programme leads group.')
param programmeLeadGroupId string = ''

@description('Entra group of the privacy officer\'s auditors, who may read the audit trail in Teams ("audit"). Empty: nobody; administrators still use npm run audit.')
param auditorGroupId string = ''

@description('Microsoft Graph host, without the API version; change only for a national cloud (e.g. https://graph.microsoft.us).')
param graphBaseUrl string = 'https://graph.microsoft.com'

@description('The shared mailbox that escalation e-mails are sent from (needs Mail.Send, restricted to it). Empty: no escalation e-mail.')
param graphSenderMailbox string = ''

@description('The Teams app id (the manifest id), for deep links in activity-feed notifications. The Agents Toolkit passes TEAMS_APP_ID.')
param teamsAppId string = ''

@minValue(30)
@maxValue(730)
@description('Days that Log Analytics keeps platform and application logs.')
param logRetentionInDays int = 90

@minValue(30)
@maxValue(730)
@description('Days that the separate workspace for table access logs keeps who read, wrote or deleted table rows (StorageRead, StorageWrite, StorageDelete). Match it to AUDIT_RETENTION_DAYS where that is 730 or less.')
param tableAccessLogRetentionInDays int = 365

@description('App settings that hold secrets, as { SETTING_NAME: \'key-vault-secret-name\' }. Each becomes a Key Vault reference; the value itself never appears in the app settings or in this deployment.')
param keyVaultSecretSettings object = {}

param tags object = {}

@description('Private networking, off by default: when true, Storage and Key Vault are reachable only through private endpoints in a new virtual network, and the App Service reaches them through VNet integration (App Service plan B1 or higher). docs/DEPLOY.md, "Private networking".')
param enablePrivateNetworking bool = false

@description('Address space of the virtual network created when enablePrivateNetworking is true; pick one that does not overlap networks you peer with.')
param virtualNetworkAddressPrefix string = '10.60.0.0/24'

@description('Subnet for the App Service VNet integration (delegated to Microsoft.Web/serverFarms), inside virtualNetworkAddressPrefix.')
param appSubnetAddressPrefix string = '10.60.0.0/26'

@description('Subnet for the private endpoints of Storage and Key Vault, inside virtualNetworkAddressPrefix.')
param privateEndpointSubnetAddressPrefix string = '10.60.0.64/26'

// Built-in role definition ids (the same in every tenant).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

// With private networking, nothing but the private endpoints reaches Storage and Key Vault.
var dataPlanePublicNetworkAccess = enablePrivateNetworking ? 'Disabled' : 'Enabled'
var dataPlaneNetworkAcls = {
  bypass: 'AzureServices'
  defaultAction: enablePrivateNetworking ? 'Deny' : 'Allow'
}

// Storage accounts and key vaults need globally unique names of at most 24 characters.
var uniqueSuffix = uniqueString(resourceGroup().id, resourceBaseName)
var storageAccountName = 'st${uniqueSuffix}'
var keyVaultName = 'kv${uniqueSuffix}'

// 'none' is how the Agents Toolkit route says "no backup group": it refuses an empty ${{VAR}}.
var backupGroup = toLower(trim(backupGroupId)) == 'none' ? '' : trim(backupGroupId)

var keyVaultSecretAppSettings = [for setting in items(keyVaultSecretSettings): {
  name: setting.key
  value: '@Microsoft.KeyVault(SecretUri=https://${keyVaultName}${environment().suffixes.keyvaultDns}/secrets/${setting.value}/)'
}]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceBaseName}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceBaseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are masked; they are personal data.
    DisableIpMasking: false
    // Telemetry only with an Entra token (the bot's managed identity, Monitoring Metrics Publisher
    // below): the instrumentation key in the connection string alone is not enough to send.
    DisableLocalAuth: true
  }
}

resource appInsightsMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// State: Azure Table Storage, reached only with the managed identity
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // Entra ID only: no account keys, no SAS tokens to leak.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: dataPlanePublicNetworkAccess
    networkAcls: dataPlaneNetworkAcls
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The bot's tables (src/storage/entityStore.ts, TABLES), named as the bot names them: prefix plus
// the capitalised table. The bot would create missing ones at start; declared, they are part of
// the reviewed deployment and survive a redeploy with their data.
var tablePrefix = 'bystander'
var botTables = [
  'preferences'
  'conversations'
  'cases'
  'outbox'
  'activities'
  'insights'
  'reminders'
  'audit'
  'dangerQuestions'
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in botTables: {
  parent: tableService
  name: '${tablePrefix}${toUpper(substring(table, 0, 1))}${substring(table, 1)}'
}]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Metrics go to the shared workspace; the request logs go to a workspace of their own (below).
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logAnalytics.id
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

// Who read, wrote or deleted table rows (issue 19.2): every request to the table service, with
// the caller's identity, operation and time. The logs carry partition and row keys, which name
// cases and person keys, so they go to a workspace of their own that only the privacy officer's
// auditors are given Log Analytics Reader on, kept tableAccessLogRetentionInDays. The bot's own
// audit trail (the `audit` table, AUDIT_RETENTION_DAYS) says which adviser read which case; these
// logs cover everyone else with a storage role, administrators included.
resource tableAccessLogs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceBaseName}-table-access'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: tableAccessLogRetentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource tableAccessDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'table-access-to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: tableAccessLogs.id
    logs: [
      {
        category: 'StorageRead'
        enabled: true
      }
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets: Key Vault with RBAC, read by the managed identity
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: dataPlanePublicNetworkAccess
    networkAcls: dataPlaneNetworkAcls
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Who read which secret, and when.
resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Private networking (enablePrivateNetworking, off by default): a virtual network with a subnet
// for the App Service's VNet integration and one for private endpoints of Storage (tables) and
// Key Vault, each with its private DNS zone linked to the network.
// ---------------------------------------------------------------------------------------------

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-01-01' = if (enablePrivateNetworking) {
  name: 'vnet-${resourceBaseName}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        virtualNetworkAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: appSubnetAddressPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetAddressPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

// By id rather than through the (conditional) network resource, so nothing reads it when it is off.
var appSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-${resourceBaseName}', 'snet-app')
var privateEndpointSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-${resourceBaseName}', 'snet-private-endpoints')

var privateDnsZoneNames = {
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
}

resource tablePrivateDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = if (enablePrivateNetworking) {
  name: privateDnsZoneNames.table
  location: 'global'
  tags: tags
}

resource vaultPrivateDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = if (enablePrivateNetworking) {
  name: privateDnsZoneNames.vault
  location: 'global'
  tags: tags
}

resource tableDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (enablePrivateNetworking) {
  parent: tablePrivateDnsZone
  name: 'link-${resourceBaseName}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetwork.id
    }
  }
}

resource vaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (enablePrivateNetworking) {
  parent: vaultPrivateDnsZone
  name: 'link-${resourceBaseName}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetwork.id
    }
  }
}

resource storageTablePrivateEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' = if (enablePrivateNetworking) {
  name: 'pe-${resourceBaseName}-table'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'table'
        properties: {
          privateLinkServiceId: storage.id
          groupIds: [
            'table'
          ]
        }
      }
    ]
  }
  dependsOn: [
    virtualNetwork
  ]
}

resource storageTablePrivateDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = if (enablePrivateNetworking) {
  parent: storageTablePrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'table'
        properties: {
          privateDnsZoneId: tablePrivateDnsZone.id
        }
      }
    ]
  }
}

resource keyVaultPrivateEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' = if (enablePrivateNetworking) {
  name: 'pe-${resourceBaseName}-vault'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: keyVault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
  dependsOn: [
    virtualNetwork
  ]
}

resource keyVaultPrivateDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = if (enablePrivateNetworking) {
  parent: keyVaultPrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: vaultPrivateDnsZone.id
        }
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// The bot's web app: Linux App Service, Node 22
// ---------------------------------------------------------------------------------------------

resource appServicePlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the bot's identity, not a system-assigned one.
    keyVaultReferenceIdentity: identity.id
    // With private networking, all outbound traffic goes through the VNet, so Storage and Key Vault
    // resolve to their private endpoints.
    virtualNetworkSubnetId: enablePrivateNetworking ? appSubnetId : null
    vnetRouteAllEnabled: enablePrivateNetworking
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The heap cap keeps V8 from growing far past the ~50 MB the bot keeps alive, and with it
      // the pauses of collecting a large heap (docs/PERFORMANCE.md: peak RSS 336 -> 188 MB).
      appCommandLine: 'node --max-old-space-size=128 dist/src/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: concat([
        // Bot Framework authentication as the user-assigned managed identity.
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'ALLOWED_TENANT_IDS'
          value: allowedTenantIds
        }
        // Which identity @azure/identity uses for Table Storage and Graph.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'STORAGE'
          value: 'azure-tables'
        }
        {
          name: 'AZURE_TABLES_ENDPOINT'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'AZURE_TABLES_PREFIX'
          value: tablePrefix
        }
        // The HMAC secret for person keys, kept out of storage so a table dump names nobody.
        // Created once by the operator (docs/DEPLOY.md); the bot refuses to start while it is missing.
        {
          name: 'PERSON_KEY_SECRET'
          value: '@Microsoft.KeyVault(SecretUri=https://${keyVaultName}${environment().suffixes.keyvaultDns}/secrets/person-key-secret/)'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'DEFAULT_LOCALE'
          value: defaultLocale
        }
        // For the bot's own telemetry (src/observability: the Azure Monitor OpenTelemetry distro,
        // which redacts identifiers from every span). The codeless agent stays off (no
        // ApplicationInsightsAgent_EXTENSION_VERSION): it would record Graph URLs unredacted, and
        // those contain user and group object ids.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // Microsoft Graph, as the same managed identity (AZURE_CLIENT_ID): who the advisers, backup
        // advisers and programme leads are, and where escalation e-mail comes from.
        {
          name: 'ADVISOR_GROUP_ID'
          value: advisorGroupId
        }
        {
          name: 'BACKUP_GROUP_ID'
          value: backupGroup
        }
        {
          name: 'PROGRAMME_GROUP_ID'
          value: programmeGroupId
        }
        {
          name: 'PROGRAMME_LEAD_GROUP_ID'
          value: programmeLeadGroupId
        }
        {
          name: 'AUDITOR_GROUP_ID'
          value: auditorGroupId
        }
        {
          name: 'GRAPH_BASE_URL'
          value: graphBaseUrl
        }
        {
          name: 'GRAPH_SENDER_MAILBOX'
          value: graphSenderMailbox
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        // The deployed zip is already built (npm run build); App Service runs it read-only as is.
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ], keyVaultSecretAppSettings)
    }
  }
  dependsOn: [
    // The bot must be able to open its tables and read its secrets from its first start.
    tableDataContributor
    keyVaultSecretsUser
    appInsightsMetricsPublisher
    storageTablePrivateEndpoint
    keyVaultPrivateEndpoint
    virtualNetwork
  ]
}

// No basic-auth publishing credentials, neither for FTP nor for the SCM (Kudu) site: deployments go
// through the Agents Toolkit or az with Entra sign-in.
resource ftpPublishingPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishingPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// Console logs are the bot's own structured logs, written without personal data by design.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// The Azure Bot registration, authenticated as the managed identity, on the Teams channel
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${resourceBaseName}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

output botEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'
output botId string = identity.properties.clientId
output identityResourceId string = identity.id
output storageTableEndpoint string = storage.properties.primaryEndpoints.table
output keyVaultName string = keyVault.name
output appServiceHostName string = webApp.properties.defaultHostName

// The Agents Toolkit writes every output to env/.env.<env> under its upper-cased name; these three
// are the names appPackage/manifest.json and m365agents.yml read.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
