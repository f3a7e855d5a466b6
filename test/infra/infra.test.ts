import { existsSync, readFileSync } from 'node:fs';
import { TABLES } from '../../src/storage/entityStore';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseEnvFile } from '../../tools/appPackage/appPackageEnvironment';
import { loadConfig } from '../../src/config/config';

/**
 * No Bicep compiler installs offline (the Bicep CLI is a .NET binary downloaded from GitHub), so
 * these tests read infra/main.bicep as text: the resources, their security settings, the app
 * settings against what src/config/config.ts reads, and the Agents Toolkit project files.
 */

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const bicep = read('infra/main.bicep');
/**
 * The template without comments: a setting is checked where it is in effect, not where a comment still names its old
 * value (`minTlsVersion: '1.0'` under `// minTlsVersion: '1.2'` passed a check on the raw text).
 */
const bicepWithoutComments = withoutComments(bicep, 'keep strings');
/** The template without comments and string contents, for structural checks. */
const bicepCode = withoutComments(bicep, 'blank strings');

function withoutComments(source: string, strings: 'keep strings' | 'blank strings'): string {
  let out = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '/' && source[index + 1] === '/') {
      while (index < source.length && source[index] !== '\n') index += 1;
      out += '\n';
    } else if (char === '/' && source[index + 1] === '*') {
      index = source.indexOf('*/', index + 2) + 1;
    } else if (char === "'") {
      const start = index;
      index += 1;
      while (index < source.length && source[index] !== "'") index += source[index] === '\\' ? 2 : 1;
      out += strings === 'keep strings' ? source.slice(start, index + 1) : "''";
    } else {
      out += char;
    }
  }
  return out;
}

const params = new Map([...bicep.matchAll(/^param\s+(\w+)\s+(\w+)(\s*=)?/gm)].map((match) => [match[1], { type: match[2], hasDefault: Boolean(match[3]) }]));
const variables = new Set([...bicep.matchAll(/^var\s+(\w+)\s*=/gm)].map((match) => match[1]));
const resources = new Map([...bicep.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm)].map((match) => [match[1], { type: match[2], apiVersion: match[3] }]));
const outputs = new Set([...bicep.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((match) => match[1]));

/** The body of `resource <symbol> ... = { ... }`, braces matched. */
function resourceBody(symbol: string): string {
  const start = bicepWithoutComments.search(new RegExp(`^resource\\s+${symbol}\\s`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const open = bicepWithoutComments.indexOf('{', start);
  let depth = 0;
  for (let index = open; index < bicepWithoutComments.length; index += 1) {
    if (bicepWithoutComments[index] === '{') depth += 1;
    if (bicepWithoutComments[index] === '}') depth -= 1;
    if (depth === 0) return bicepWithoutComments.slice(open, index + 1);
  }
  throw new Error(`unbalanced braces in resource ${symbol}`);
}

/** The web app's app settings: name → the Bicep expression of its value. */
function appSettings(): Map<string, string> {
  const body = resourceBody('webApp');
  const block = body.slice(body.indexOf('appSettings:'));
  return new Map([...block.matchAll(/name:\s*'([^']+)'\s*\n\s*value:\s*(.+)/g)].map((match) => [match[1], match[2].trim()]));
}

/** Every environment variable name src/config/config.ts declares in its zod schema. */
function settingsReadByConfig(): Set<string> {
  const source = read('src/config/config.ts');
  return new Set([...source.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?:z\b|optional\w*\b|positiveInt\(|commaSeparatedList\b)/gm)].map((match) => match[1]));
}

/** Settings App Service or its extensions read, not the bot. */
const PLATFORM_SETTINGS = ['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

describe('infra/main.bicep', () => {
  test('is structurally sound: balanced brackets, known symbols, every parameter and variable used', () => {
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']]) {
      expect(bicepCode.split(open).length).toBe(bicepCode.split(close).length);
    }
    for (const match of bicepCode.matchAll(/\b(?:parent|scope):\s*(\w+)|\b(\w+)\.(?:id|properties)\b/g)) {
      const symbol = match[1] ?? match[2];
      expect({ symbol, declared: resources.has(symbol) }).toEqual({ symbol, declared: true });
    }
    for (const name of [...params.keys(), ...variables]) {
      const uses = bicep.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
      expect({ name, usedBeyondDeclaration: uses > 1 }).toEqual({ name, usedBeyondDeclaration: true });
    }
  });

  test('declares every resource the bot needs, with reviewed API versions', () => {
    const types = [...resources.values()].map(({ type, apiVersion }) => `${type}@${apiVersion}`).sort();
    expect(types).toEqual(
      [
        'Microsoft.Authorization/roleAssignments@2022-04-01',
        'Microsoft.Authorization/roleAssignments@2022-04-01',
        'Microsoft.Authorization/roleAssignments@2022-04-01',
        'Microsoft.BotService/botServices/channels@2022-09-15',
        'Microsoft.BotService/botServices@2022-09-15',
        'Microsoft.Insights/components@2020-02-02',
        'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
        'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
        'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
        'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
        'Microsoft.KeyVault/vaults@2023-07-01',
        'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31',
        'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01',
        'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01',
        'Microsoft.Network/privateDnsZones@2020-06-01',
        'Microsoft.Network/privateDnsZones@2020-06-01',
        'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01',
        'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01',
        'Microsoft.Network/privateEndpoints@2024-01-01',
        'Microsoft.Network/privateEndpoints@2024-01-01',
        'Microsoft.Network/virtualNetworks@2024-01-01',
        'Microsoft.OperationalInsights/workspaces@2023-09-01',
        'Microsoft.OperationalInsights/workspaces@2023-09-01',
        'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01',
        'Microsoft.Storage/storageAccounts/tableServices@2023-05-01',
        'Microsoft.Storage/storageAccounts@2023-05-01',
        'Microsoft.Web/serverfarms@2024-04-01',
        'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01',
        'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01',
        'Microsoft.Web/sites@2024-04-01',
      ].sort(),
    );
  });

  test('the Azure Bot authenticates as the user-assigned managed identity and has the Teams channel', () => {
    const bot = resourceBody('bot');
    expect(bot).toContain("kind: 'azurebot'");
    expect(bot).toMatch(/name: botSku/);
    expect(params.get('botSku')).toMatchObject({ type: 'string' });
    expect(bicep).toMatch(/@allowed\(\[\s*'F0'\s*'S1'\s*\]\)\s*(@description\([^\n]*\)\s*)?param botSku/);
    expect(bot).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bot).toContain('msaAppId: identity.properties.clientId');
    expect(bot).toContain('msaAppTenantId: identity.properties.tenantId');
    expect(bot).toContain('msaAppMSIResourceId: identity.id');
    expect(bot).toContain("endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'");
    const channel = resourceBody('teamsChannel');
    expect(channel).toContain("name: 'MsTeamsChannel'");
    expect(channel).toContain("channelName: 'MsTeamsChannel'");
  });

  test('the web app is Linux Node 22, HTTPS only, TLS 1.2, no FTP, always on, health-checked, running as the identity', () => {
    expect(resourceBody('appServicePlan')).toMatch(/kind: 'linux'[\s\S]*reserved: true/);
    const webApp = resourceBody('webApp');
    for (const setting of [
      "linuxFxVersion: 'NODE|22-lts'",
      'httpsOnly: true',
      "minTlsVersion: '1.2'",
      "ftpsState: 'Disabled'",
      'alwaysOn: true',
      "healthCheckPath: '/healthz'",
      "type: 'UserAssigned'",
      "'${identity.id}': {}",
      'keyVaultReferenceIdentity: identity.id',
      "appCommandLine: 'node --max-old-space-size=128 dist/src/main.js'",
    ]) {
      expect(webApp).toContain(setting);
    }
    const packageJson = JSON.parse(read('package.json')) as { main: string };
    expect(packageJson.main).toBe('dist/src/main.js');
  });

  test('storage is StorageV2, private, TLS 1.2, HTTPS only, Entra-only, with a table service the identity may write', () => {
    const storage = resourceBody('storage');
    for (const setting of [
      "kind: 'StorageV2'",
      'allowBlobPublicAccess: false',
      "minimumTlsVersion: 'TLS1_2'",
      'supportsHttpsTrafficOnly: true',
      'allowSharedKeyAccess: false',
    ]) {
      expect(storage).toContain(setting);
    }
    expect(resourceBody('tableService')).toMatch(/parent: storage[\s\S]*name: 'default'/);
    // Exactly the bot's tables, under the prefix the app setting gives the bot.
    const declared = /var botTables = \[([^\]]*)\]/.exec(bicep)?.[1].match(/'(\w+)'/g)?.map((name) => name.slice(1, -1));
    expect(declared).toEqual([...TABLES]);
    expect(resourceBody('tables')).toMatch(/parent: tableService[\s\S]*\$\{tablePrefix\}/);
    expect(bicep).toContain("var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");
    expect(resourceBody('tableDataContributor')).toMatch(/scope: storage[\s\S]*storageTableDataContributorRoleId[\s\S]*principalId: identity.properties.principalId[\s\S]*principalType: 'ServicePrincipal'/);
  });

  test('Key Vault uses RBAC with soft delete and purge protection, and the identity may read secrets', () => {
    const keyVault = resourceBody('keyVault');
    for (const setting of ['enableRbacAuthorization: true', 'enableSoftDelete: true', 'enablePurgeProtection: true']) expect(keyVault).toContain(setting);
    expect(bicep).toContain("var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'");
    expect(resourceBody('keyVaultSecretsUser')).toMatch(/scope: keyVault[\s\S]*keyVaultSecretsUserRoleId[\s\S]*principalId: identity.properties.principalId/);
  });

  test('no basic-auth publishing: neither FTP nor the SCM (Kudu) site accepts a publishing password', () => {
    const policies = [...bicep.matchAll(/^resource\s+(\w+)\s+'Microsoft\.Web\/sites\/basicPublishingCredentialsPolicies@/gm)].map((match) => resourceBody(match[1]));
    const byName = new Map(policies.map((body) => [/name: '(\w+)'/.exec(body)?.[1], body]));
    expect([...byName.keys()].sort()).toEqual(['ftp', 'scm']);
    for (const body of byName.values()) expect(body).toMatch(/parent: webApp[\s\S]*allow: false/);
  });

  test('Application Insights takes telemetry only with an Entra token, which the bot identity may send (Monitoring Metrics Publisher)', () => {
    expect(resourceBody('appInsights')).toContain('DisableLocalAuth: true');
    expect(bicep).toContain("var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'");
    expect(resourceBody('appInsightsMetricsPublisher')).toMatch(
      /scope: appInsights[\s\S]*monitoringMetricsPublisherRoleId[\s\S]*principalId: identity.properties.principalId[\s\S]*principalType: 'ServicePrincipal'/,
    );
    // The bot then authenticates its telemetry as that identity (src/observability/telemetry.ts, tested in test/observability).
    expect(appSettings().get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
  });

  test('private networking is an option, off by default: then Storage and Key Vault take traffic only through private endpoints', () => {
    expect(bicep).toMatch(/^param enablePrivateNetworking bool = false$/m);
    expect(bicep).toContain("var dataPlanePublicNetworkAccess = enablePrivateNetworking ? 'Disabled' : 'Enabled'");
    expect(bicep).toContain("defaultAction: enablePrivateNetworking ? 'Deny' : 'Allow'");
    for (const symbol of ['storage', 'keyVault']) {
      expect(resourceBody(symbol)).toContain('publicNetworkAccess: dataPlanePublicNetworkAccess');
      expect(resourceBody(symbol)).toContain('networkAcls: dataPlaneNetworkAcls');
    }
    const networkResources = [...resources].filter(([, { type }]) => type.startsWith('Microsoft.Network/')).map(([symbol]) => symbol);
    expect(networkResources.length).toBe(9);
    for (const symbol of networkResources) expect(bicep).toMatch(new RegExp(`^resource ${symbol} '[^']+' = if \\(enablePrivateNetworking\\)`, 'm'));
    expect(resourceBody('storageTablePrivateEndpoint')).toMatch(/privateLinkServiceId: storage.id[\s\S]*'table'/);
    expect(resourceBody('keyVaultPrivateEndpoint')).toMatch(/privateLinkServiceId: keyVault.id[\s\S]*'vault'/);
    const webApp = resourceBody('webApp');
    expect(webApp).toContain('virtualNetworkSubnetId: enablePrivateNetworking ? appSubnetId : null');
    expect(webApp).toContain('vnetRouteAllEnabled: enablePrivateNetworking');
    expect(resourceBody('virtualNetwork')).toContain("serviceName: 'Microsoft.Web/serverFarms'");
  });

  test('Application Insights is workspace-based, and diagnostics go to the Log Analytics workspace', () => {
    expect(resourceBody('appInsights')).toContain('WorkspaceResourceId: logAnalytics.id');
    for (const symbol of ['tableDiagnostics', 'keyVaultDiagnostics', 'webAppDiagnostics']) {
      expect(resourceBody(symbol)).toContain('workspaceId: logAnalytics.id');
    }
  });

  test('table reads, writes and deletes are logged to a workspace of their own, kept for its own retention (issue 19.2)', () => {
    const diagnostics = resourceBody('tableAccessDiagnostics');
    expect(diagnostics).toMatch(/scope: tableService\b/);
    expect(diagnostics).toContain('workspaceId: tableAccessLogs.id');
    for (const category of ['StorageRead', 'StorageWrite', 'StorageDelete']) {
      expect(diagnostics).toMatch(new RegExp(`category: '${category}'\\s+enabled: true`));
    }
    expect(resources.get('tableAccessLogs')?.type).toBe('Microsoft.OperationalInsights/workspaces');
    expect(resourceBody('tableAccessLogs')).toContain('retentionInDays: tableAccessLogRetentionInDays');
    expect(params.get('tableAccessLogRetentionInDays')).toEqual({ type: 'int', hasDefault: true });
    // The request logs name cases; they stay out of the workspace every operator reads.
    expect(resourceBody('tableDiagnostics')).not.toMatch(/logs:/);
    expect(resourceBody('logAnalytics')).not.toContain('tableAccessLogRetentionInDays');
  });

  test('every app setting is one the bot reads or a platform setting', () => {
    const settings = appSettings();
    const readByConfig = settingsReadByConfig();
    expect(readByConfig.has('MicrosoftAppType')).toBe(true); // the parser still understands config.ts
    for (const name of settings.keys()) {
      const known = readByConfig.has(name) || PLATFORM_SETTINGS.includes(name);
      expect({ name, known }).toEqual({ name, known: true });
    }
    expect(Object.fromEntries(settings)).toMatchObject({
      MicrosoftAppType: "'UserAssignedMSI'",
      MicrosoftAppId: 'identity.properties.clientId',
      MicrosoftAppTenantId: 'identity.properties.tenantId',
      AZURE_CLIENT_ID: 'identity.properties.clientId',
      STORAGE: "'azure-tables'",
      AZURE_TABLES_ENDPOINT: 'storage.properties.primaryEndpoints.table',
      ALLOWED_TENANT_IDS: 'allowedTenantIds',
      LOG_LEVEL: 'logLevel',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'appInsights.properties.ConnectionString',
      ADVISOR_GROUP_ID: 'advisorGroupId',
      BACKUP_GROUP_ID: 'backupGroup',
      PROGRAMME_GROUP_ID: 'programmeGroupId',
      GRAPH_BASE_URL: 'graphBaseUrl',
      GRAPH_SENDER_MAILBOX: 'graphSenderMailbox',
      TEAMS_APP_ID: 'teamsAppId',
    });
    // The Graph client adds the API version itself.
    expect(bicep).toContain("param graphBaseUrl string = 'https://graph.microsoft.com'\n");
  });

  test('the app settings, with realistic values for the deployment-time ones, are a configuration the bot accepts', () => {
    const deploymentValues: Record<string, string> = {
      'identity.properties.clientId': '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
      'identity.properties.tenantId': '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
      'storage.properties.primaryEndpoints.table': 'https://stexample.table.core.windows.net/',
      'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      allowedTenantIds: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
      logLevel: 'info',
      defaultLocale: 'nl',
      advisorGroupId: '11111111-1111-4111-8111-111111111111',
      backupGroup: '22222222-2222-4222-8222-222222222222',
      programmeGroupId: '33333333-3333-4333-8333-333333333333',
      programmeLeadGroupId: '44444444-4444-4444-8444-444444444444',
      auditorGroupId: '55555555-5555-4555-8555-555555555555',
      graphBaseUrl: 'https://graph.microsoft.com',
      graphSenderMailbox: 'socialeveiligheid-bot@umc.example',
      tablePrefix: 'bystander',
      teamsAppId: '2f0d6c1e-6b1a-4c57-9a43-1d7f1c2b3a4e',
    };
    const environment: Record<string, string> = {};
    for (const [name, expression] of appSettings()) {
      const literal = /^'([^']*)'$/.exec(expression);
      // App Service resolves a Key Vault reference before the bot starts; stand in a value of the secret's shape.
      const resolved = literal?.[1].startsWith('@Microsoft.KeyVault(') ? 'f'.repeat(64) : literal?.[1] ?? '';
      const value = literal ? resolved : deploymentValues[expression];
      expect({ name, expression, known: value !== undefined }).toEqual({ name, expression, known: true });
      environment[name] = value;
    }
    const config = loadConfig(environment);
    expect(config.bot.appType).toBe('UserAssignedMSI');
    expect(config.storage).toMatchObject({ kind: 'azure-tables', endpoint: 'https://stexample.table.core.windows.net/', managedIdentityClientId: deploymentValues['identity.properties.clientId'] });
  });

  test('secrets reach the app only as Key Vault references', () => {
    for (const [name, expression] of appSettings()) {
      if (/PASSWORD|SECRET|_KEY$/.test(name)) expect(expression).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=/);
    }
    expect(bicep).toMatch(/value: '@Microsoft\.KeyVault\(SecretUri=https:\/\/\$\{keyVaultName\}\$\{environment\(\)\.suffixes\.keyvaultDns\}\/secrets\/\$\{setting\.value\}\/\)'/);
    expect(bicep).toContain('appSettings: concat([');
    expect(bicep).toContain('], keyVaultSecretAppSettings)');
    expect(bicep).not.toMatch(/MicrosoftAppPassword|listKeys\(|@secure\(\)/);
  });

  test('has the outputs the operators and the Agents Toolkit read', () => {
    for (const output of ['botEndpoint', 'botId', 'identityResourceId', 'storageTableEndpoint', 'keyVaultName', 'appServiceHostName', 'BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) {
      expect(outputs).toContain(output);
    }
  });
});

describe('infra/main.parameters.json', () => {
  const parametersFile = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
  const envDev = parseEnvFile(read('env/.env.dev'));

  test('sets only parameters main.bicep declares, and every parameter without a default', () => {
    for (const name of Object.keys(parametersFile.parameters)) expect({ name, declared: params.has(name) }).toEqual({ name, declared: true });
    for (const [name, { hasDefault }] of params) {
      if (!hasDefault) expect(Object.keys(parametersFile.parameters)).toContain(name);
    }
  });

  test('a parameter with a default never needs an empty ${{VAR}} (the toolkit refuses empty values): BACKUP_GROUP_ID is "none"', () => {
    const writtenByProvision = ['TEAMS_APP_ID', 'TEAMS_APP_TENANT_ID'];
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      const variable = /\$\{\{(\w+)\}\}/.exec(String(value))?.[1];
      if (!variable || !params.get(name)?.hasDefault || writtenByProvision.includes(variable)) continue;
      expect({ name, variable, value: envDev[variable] }).toEqual({ name, variable, value: expect.stringMatching(/\S/) });
    }
    expect(envDev.BACKUP_GROUP_ID).toBe('none');
    expect(bicep).toContain("var backupGroup = toLower(trim(backupGroupId)) == 'none' ? '' : trim(backupGroupId)");
  });

  test('its ${{VAR}} placeholders are all named in env/.env.dev', () => {
    const names = [...JSON.stringify(parametersFile).matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(envDev)).toContain(name);
  });
});

describe('the Agents Toolkit project files', () => {
  interface Action {
    uses: string;
    with?: Record<string, unknown>;
    writeToEnvironmentFile?: Record<string, string>;
  }
  interface Project {
    version: string;
    environmentFolderPath?: string;
    provision: Action[];
    deploy: Action[];
    publish?: Action[];
  }
  const projects = {
    'm365agents.yml': { env: 'env/.env.dev' },
    'm365agents.local.yml': { env: 'env/.env.local' },
  } as const;
  /** Set by the toolkit itself. */
  const BUILT_IN = ['TEAMSFX_ENV', 'TEAMS_APP_TENANT_ID', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

  test.each(Object.keys(projects))('%s follows the toolkit schema version it names', (file) => {
    const text = read(file);
    const project = parseYaml(text) as Project;
    const schemaVersion = /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/(v1\.\d+)\/yaml\.schema\.json$/m.exec(text)?.[1];
    expect(schemaVersion).toBeDefined();
    expect(project.version).toBe(schemaVersion);
    for (const action of [...project.provision, ...project.deploy, ...(project.publish ?? [])]) expect(action.uses).toMatch(/^[a-zA-Z]+\/[a-zA-Z]+$/);
  });

  test('m365agents.yml provisions the app and Azure, then deploys the built bot', () => {
    const project = parseYaml(read('m365agents.yml')) as Project;
    expect(project.provision.map((action) => action.uses)).toEqual([
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'cli/runNpmCommand',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const armDeploy = project.provision[1].with as { templates: { path: string; parameters: string }[] };
    // The placeholder guard for production packages (tools/appPackage/manifestPlaceholders.ts).
    expect(project.provision[3].with).toEqual({ args: 'run package -- --env ${{TEAMSFX_ENV}}' });
    expect(armDeploy.templates).toEqual([expect.objectContaining({ path: './infra/main.bicep', parameters: './infra/main.parameters.json' })]);
    expect(project.deploy.map((action) => action.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(project.deploy[1].with).toEqual({ args: 'run build' });
    // Only the staged folder is uploaded (test/infra/deployArtifact.test.ts builds and measures it).
    expect(project.deploy[2].with).toEqual({ args: 'run stage' });
    expect(project.deploy[3].with).toEqual({ artifactFolder: '.deploy', ignoreFile: '.webappignore', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.stage).toBe('ts-node --transpile-only scripts/stage-deploy.ts');
    expect(read('.gitignore').split('\n')).toContain('/.deploy/');
  });

  test('m365agents.local.yml registers a local bot on the dev tunnel and writes the settings the bot reads', () => {
    const project = parseYaml(read('m365agents.local.yml')) as Project;
    const uses = project.provision.map((action) => action.uses);
    expect(uses.slice(0, 3)).toEqual(['teamsApp/create', 'aadApp/create', 'botFramework/create']);
    expect(project.provision[2].with).toMatchObject({ botId: '${{BOT_ID}}', messagingEndpoint: '${{BOT_ENDPOINT}}/api/messages', channels: [{ name: 'msteams' }] });
    const envFile = project.deploy.find((action) => action.uses === 'file/createOrUpdateEnvironmentFile');
    expect(envFile).toBeDefined();
    const settings = envFile?.with?.envs as Record<string, string>;
    const readByConfig = settingsReadByConfig();
    for (const name of Object.keys(settings)) expect({ name, read: readByConfig.has(name) }).toEqual({ name, read: true });
    // The file with the local client secret must be one git ignores.
    expect(envFile?.with?.target).toBe('./.env');
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  test.each(Object.entries(projects))('%s refers to files that exist and to variables that are defined', (file, { env }) => {
    const text = read(file);
    const project = parseYaml(text) as Project;
    const actions = [...project.provision, ...project.deploy, ...(project.publish ?? [])];
    for (const action of actions) {
      const inputs = action.with ?? {};
      for (const key of ['manifestPath']) if (typeof inputs[key] === 'string') expect(existsSync(path.join(root, inputs[key] as string))).toBe(true);
      for (const template of (inputs.templates as { path: string; parameters: string }[] | undefined) ?? []) {
        expect(existsSync(path.join(root, template.path))).toBe(true);
        expect(existsSync(path.join(root, template.parameters))).toBe(true);
      }
    }
    const defined = new Set([...Object.keys(parseEnvFile(read(env))), ...BUILT_IN, ...actions.flatMap((action) => Object.values(action.writeToEnvironmentFile ?? {}))]);
    if (file === 'm365agents.yml') for (const output of outputs) defined.add(output.toUpperCase()); // arm/deploy writes the template's outputs
    // Comments may mention placeholders; only the parsed values count.
    for (const [, name] of JSON.stringify(project).matchAll(/\$\{\{(\w+)\}\}/g)) expect({ file, name, defined: defined.has(name) }).toEqual({ file, name, defined: true });
  });

  test.each(['env/.env.dev', 'env/.env.local'])('%s holds names and non-secret defaults only', (file) => {
    const values = parseEnvFile(read(file));
    for (const [name, value] of Object.entries(values)) {
      if (/SECRET|PASSWORD|KEY|CONNECTION_STRING/.test(name)) expect({ name, value }).toEqual({ name, value: '' });
      // Ids and endpoints are written by provision; a committed template leaves them empty.
      if (/^(TEAMS_APP_ID|BOT_ID|BOT_OBJECT_ID|TEAMS_APP_TENANT_ID|BOT_DOMAIN|BOT_ENDPOINT|BOT_AZURE_APP_SERVICE_RESOURCE_ID)$/.test(name)) {
        expect({ name, value }).toEqual({ name, value: '' });
      }
    }
    expect(values.TEAMSFX_ENV).toBe(path.basename(file).replace('.env.', ''));
  });
});

describe('.webappignore', () => {
  const patterns = read('.webappignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  test('anchors every path to the project root, so that folders of the same name inside dependencies are deployed', () => {
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect({ pattern, anchored: pattern.startsWith('/') || /^\*\.[\w]+$/.test(pattern) }).toEqual({ pattern, anchored: true });
    for (const local of ['/.env', '/env/', '/data/', '/test/', '/appPackage/build/']) expect(patterns).toContain(local);
  });
});
