import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { loadConfigAndContent } from '../../src/configAndContent';
import { ContentError } from '../../src/content/loadContent';
import { MAX_ANALYSED_CHARS } from '../../src/guidance/classifier';

/** Every problem of one start-up, as main reads the settings and the content. */
function startupProblems(environment: Record<string, string>): readonly string[] {
  try {
    loadConfigAndContent(environment);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('configuration', () => {
  it('starts with embedded defaults and no Azure settings at all', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(3978);
    expect(config.storage.kind).toBe('sqlite');
    expect(config.advisors.kind).toBe('local');
    expect(config.bot.appId).toBeUndefined();
    expect(Object.isFrozen(config) && Object.isFrozen(config.storage)).toBe(true);
  });

  // The README's Settings table promises these defaults; a default changed in the schema alone would break that table silently.
  it("takes the defaults the README's Settings table gives", () => {
    const config = loadConfig({});
    expect(config.server).toMatchObject({ port: 3978, host: '127.0.0.1', maxBodyBytes: 262_144 });
    expect(config).toMatchObject({ logLevel: 'info', defaultLocale: 'en', maxMessageChars: 2000, clockOffsetMinutes: 0 });
    expect(config.bot).toMatchObject({ appType: 'MultiTenant', allowedTenantIds: [], allowedChannels: ['msteams'], connectorTimeoutMs: 15_000 });
    expect(config.bot.allowedServiceUrls).toEqual(['http://localhost:*/', 'http://127.0.0.1:*/', 'http://[::1]:*/']);
    expect(config.storage).toEqual({ kind: 'sqlite', sqlitePath: path.resolve('data', 'bot.sqlite') });
    expect(config.personKeys.secretFile).toBe(path.resolve('data', 'person-key.secret'));
    expect(config.handoff).toMatchObject({
      advisorLocale: 'nl',
      escalateAfterMinutes: 60,
      escalateUrgentAfterMinutes: 15,
      expireAfterDays: 14,
      sweepIntervalSeconds: 60,
      outboxPollMs: 1000,
      outboxLeaseMs: 30_000,
      relayMessagesPerMinute: 10,
      requestsPerPersonPerHour: 3,
    });
    expect(config.retention).toEqual({ auditDays: 365, failedJobDays: 30 });
    expect(config.reminders).toEqual({ morningHour: 9, afterShiftHour: 17 });
    expect(config.advisors).toEqual({
      kind: 'local',
      members: [{ id: 'local-advisor-1', displayName: 'Local Advisor' }],
      programmeLeads: [],
      auditors: [],
      pools: {},
    });
    const production = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', ALLOWED_TENANT_IDS: 'tenant', ADVISOR_GROUP_ID: 'advisers', AZURE_CLIENT_ID: 'identity' });
    expect(production.server.host).toBe('0.0.0.0');
    expect(production.bot.allowedServiceUrls).toEqual([
      'https://smba.trafficmanager.net/',
      'https://smba.infra.gcc.teams.microsoft.com/',
      'https://smba.infra.gov.teams.microsoft.us/',
      'https://smba.infra.dod.teams.microsoft.us/',
      'https://*.botframework.com/',
    ]);
    expect(production.advisors).toMatchObject({ kind: 'graph', graphBaseUrl: 'https://graph.microsoft.com' });
  });

  it('lets PROGRAMME_LEAD_GROUP_ID default to PROGRAMME_GROUP_ID, and keeps the audit trail from everyone without AUDITOR_GROUP_ID', () => {
    const graph = { ADVISOR_GROUP_ID: 'advisers', AZURE_CLIENT_ID: 'identity', PROGRAMME_GROUP_ID: 'programme' };
    expect(loadConfig(graph).advisors).toMatchObject({ groups: { programme: 'programme', programmeLeads: 'programme', auditors: undefined } });
    expect(loadConfig({ ...graph, PROGRAMME_LEAD_GROUP_ID: 'leads', AUDITOR_GROUP_ID: 'auditors' }).advisors).toMatchObject({
      groups: { programme: 'programme', programmeLeads: 'leads', auditors: 'auditors' },
    });
  });

  it('refuses a password beside a managed identity (MicrosoftAppType=UserAssignedMSI), named with the other problems', () => {
    expect(() =>
      loadConfig({ MicrosoftAppId: 'identity', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant', MicrosoftAppPassword: 'secret', ADVISOR_GROUP_ID: 'advisers', AZURE_CLIENT_ID: 'identity' }),
    ).toThrow(/MicrosoftAppPassword: MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword/);
  });

  it('lists every missing or invalid setting in one error, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'chatty',
        STORAGE: 'azure-tables',
        MicrosoftAppId: 'app-id',
        MicrosoftAppType: 'SingleTenant',
        ADVISOR_GROUP_ID: 'advisors',
        GRAPH_CLIENT_ID: 'client',
        GRAPH_CLIENT_SECRET: 'super-secret-value',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const setting of ['PORT', 'LOG_LEVEL', 'AZURE_TABLES_CONNECTION_STRING', 'MicrosoftAppTenantId', 'GRAPH_TENANT_ID']) {
      expect(message).toContain(setting);
    }
    expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
    expect(message).not.toContain('super-secret-value');
  });

  it('lists a pool setting that names a pool the content lacks with every other wrong setting, in the one error of a start', () => {
    const problems = startupProblems({ LOG_LEVEL: 'chatty', HOST: '0.0.0.0', LOCAL_ADVISER_POOLS: 'ethics-board=u1:Anna de Wit' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['HOST', 'LOCAL_ADVISER_POOLS', 'LOG_LEVEL']);
    expect(problems).toContain('LOCAL_ADVISER_POOLS: entry 1 names a pool that content/adviser-pools.json does not define');
    expect(problems.join('\n')).not.toContain('Anna de Wit');
  });

  it("reads the connection timeouts, with defaults of seconds rather than Node's minutes, and refuses a request timeout shorter than headers and body", () => {
    const { server } = loadConfig({});
    expect(server).toMatchObject({ headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(loadConfig({ HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '12000', KEEP_ALIVE_TIMEOUT_MS: '65000' }).server).toMatchObject({
      headersTimeoutMs: 2_000,
      requestTimeoutMs: 12_000,
      keepAliveTimeoutMs: 65_000,
    });
    const problemsOf = (environment: Record<string, string>) => {
      try {
        loadConfig(environment);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ REQUEST_TIMEOUT_MS: '15000' })).toEqual([expect.stringMatching(/^REQUEST_TIMEOUT_MS: must be at least HEADERS_TIMEOUT_MS plus BODY_TIMEOUT_MS/)]);
    expect(problemsOf({ HEADERS_TIMEOUT_MS: '0', KEEP_ALIVE_TIMEOUT_MS: 'soon' }).map((problem) => problem.split(':')[0])).toEqual(['HEADERS_TIMEOUT_MS', 'KEEP_ALIVE_TIMEOUT_MS']);
  });

  it('refuses a MAX_MESSAGE_CHARS over what the danger check reads, which the relay would have cut short too', () => {
    expect(loadConfig({}).maxMessageChars).toBe(MAX_ANALYSED_CHARS);
    expect(loadConfig({ MAX_MESSAGE_CHARS: '1000' }).maxMessageChars).toBe(1000);
    expect(() => loadConfig({ MAX_MESSAGE_CHARS: String(MAX_ANALYSED_CHARS + 1) })).toThrow(
      new RegExp(`MAX_MESSAGE_CHARS: at most ${MAX_ANALYSED_CHARS}, all the danger check reads of a message`),
    );
  });

  it('reads Graph and Azure Tables settings for production', () => {
    const config = loadConfig({
      STORAGE: 'azure-tables',
      AZURE_TABLES_ENDPOINT: 'https://bystander.table.core.windows.net',
      AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      ADVISOR_GROUP_ID: 'a',
      BACKUP_GROUP_ID: 'b',
      PROGRAMME_GROUP_ID: 'p',
    });
    expect(config.storage).toMatchObject({ kind: 'azure-tables', endpoint: 'https://bystander.table.core.windows.net' });
    expect(config.advisors).toMatchObject({ kind: 'graph', groups: { advisors: 'a', backup: 'b', programme: 'p' } });
  });

  it('reads the groups of other adviser pools, and refuses them in a malformed form or without Graph', () => {
    const config = loadConfig({
      AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      ADVISOR_GROUP_ID: 'a',
      ADVISER_POOL_GROUPS: 'research-integrity=ri-group, integrity-office=io-group',
      ADVISER_POOL_BACKUP_GROUPS: 'integrity-office=io-backup',
    });
    expect(config.advisors).toMatchObject({
      kind: 'graph',
      groups: { pools: { 'research-integrity': 'ri-group', 'integrity-office': 'io-group' }, poolBackups: { 'integrity-office': 'io-backup' } },
    });
    expect(loadConfig({ LOCAL_ADVISER_POOLS: 'research-integrity=u1:Ruth Odenthal;u2:Ruud Jacobs|integrity-office=u3:Omar Benali' }).advisors).toMatchObject({
      kind: 'local',
      pools: {
        'research-integrity': [{ id: 'u1', displayName: 'Ruth Odenthal' }, { id: 'u2', displayName: 'Ruud Jacobs' }],
        'integrity-office': [{ id: 'u3', displayName: 'Omar Benali' }],
      },
    });

    const problems = (environment: Record<string, string>) => {
      try {
        loadConfig(environment);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ ADVISER_POOL_GROUPS: 'research-integrity=secret-group-id' })).toEqual([
      'ADVISER_POOL_GROUPS: pools with Entra groups need ADVISOR_GROUP_ID (Graph) for the default pool too',
    ]);
    const malformed = problems({ AZURE_CLIENT_ID: 'c', ADVISOR_GROUP_ID: 'a', ADVISER_POOL_BACKUP_GROUPS: 'Research Integrity: secret-group-id' });
    expect(malformed).toEqual(['ADVISER_POOL_BACKUP_GROUPS: must be pool=groupId pairs separated by ,']);
    expect(malformed.join('\n')).not.toContain('secret-group-id');
    expect(problems({ LOCAL_ADVISER_POOLS: 'research-integrity' })).toEqual([
      'LOCAL_ADVISER_POOLS: must be pool=id:Name;id:Name entries separated by |',
    ]);
  });

  it('lists the settings that name adviser pools the content lacks with every other problem, in one error', () => {
    let error: unknown;
    try {
      loadConfigAndContent({
        PORT: 'eighty',
        AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
        ADVISOR_GROUP_ID: 'a',
        ADVISER_POOL_GROUPS: 'ethics-board=eb-group,confidential-advisers=ca-group',
        ADVISER_POOL_BACKUP_GROUPS: 'integrity-office=io-backup',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^PORT: /),
      'ADVISER_POOL_GROUPS: entry 1 names a pool that content/adviser-pools.json does not define',
      'ADVISER_POOL_GROUPS: entry 2 names the default pool, whose people are ADVISOR_GROUP_ID / BACKUP_GROUP_ID / LOCAL_ADVISORS',
      'ADVISER_POOL_BACKUP_GROUPS: entry 1 names a pool without a group in ADVISER_POOL_GROUPS',
    ]);
    expect((error as ConfigError).message).not.toContain('eb-group');
  });

  it('checks the pool settings against the content in CONTENT_DIR, and leaves an unreadable content folder to the content check, after the settings', () => {
    const pools = { LOCAL_ADVISER_POOLS: 'ethics-board=u1:Anna de Wit' };
    expect(() => loadConfigAndContent(pools)).toThrow(/LOCAL_ADVISER_POOLS: entry 1 names a pool that content\/adviser-pools\.json does not define/);
    expect(() => loadConfigAndContent({ ...pools, CONTENT_DIR: '/nonexistent/content' })).toThrow(ContentError);
    // A wrong setting may be why the content could not be read, so it is named first.
    expect(() => loadConfigAndContent({ ...pools, CONTENT_DIR: '/nonexistent/content', PORT: 'eighty' })).toThrow(ConfigError);
    // Scripts that read no content (report, audit, load test) leave the pool names unchecked.
    expect(loadConfig(pools).advisors).toMatchObject({ kind: 'local', pools: { 'ethics-board': [{ id: 'u1' }] } });
    const { config, content } = loadConfigAndContent({ LOCAL_ADVISER_POOLS: 'research-integrity=u1:Ruth Odenthal' });
    expect(config.advisors).toMatchObject({ kind: 'local', pools: { 'research-integrity': [{ id: 'u1' }] } });
    expect(content.adviserPools.pools.map((pool) => pool.id)).toContain('research-integrity');
  });

  it('reads no file and imports nothing of the content or the classifier: main reads the content once and hands its pools over', () => {
    const configDir = path.resolve(__dirname, '..', '..', 'src', 'config');
    const imports = fs
      .readdirSync(configDir)
      .flatMap((file) => [...fs.readFileSync(path.join(configDir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]));
    expect(imports.filter((source) => /content|classifier|node:fs/.test(source))).toEqual([]);
  });

  describe('a bot that is a user-assigned managed identity works only in its own tenant', () => {
    const IDENTITY_TENANT = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
    const M365_TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
    // A bot with an app id also needs its advisers' group (and Graph access to read it) to start.
    const ADVISERS = { ADVISOR_GROUP_ID: '99999999-8888-4777-8666-555555555555', GRAPH_CLIENT_ID: 'graph', GRAPH_CLIENT_SECRET: 'secret', GRAPH_TENANT_ID: IDENTITY_TENANT };
    const msiBot = (allowed: string) => ({
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppId: '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
      MicrosoftAppTenantId: IDENTITY_TENANT,
      ALLOWED_TENANT_IDS: allowed,
      ...ADVISERS,
    });

    it('refuses to start when ALLOWED_TENANT_IDS names a tenant other than MicrosoftAppTenantId, and says why', () => {
      let error: unknown;
      try {
        loadConfig(msiBot(`${IDENTITY_TENANT},${M365_TENANT}`));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problem = (error as ConfigError).problems.find((text) => text.startsWith('ALLOWED_TENANT_IDS'));
      expect(problem).toContain(M365_TENANT);
      expect(problem).toContain(`MicrosoftAppTenantId ${IDENTITY_TENANT}`);
      expect(problem).toContain('Microsoft 365 tenant and the Azure subscription');
    });

    it("starts when the only allowed tenant is the identity's (in any letter case, kept in lower case to compare)", () => {
      expect(loadConfig(msiBot(IDENTITY_TENANT.toUpperCase())).bot.allowedTenantIds).toEqual([IDENTITY_TENANT.toLowerCase()]);
    });

    it('lets in only its own tenant by default for a single-tenant app registration too', () => {
      const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: IDENTITY_TENANT, ...ADVISERS });
      expect(config.bot.allowedTenantIds).toEqual([IDENTITY_TENANT.toLowerCase()]);
    });

    it('refuses to start a multi-tenant app registration without ALLOWED_TENANT_IDS, listed with every other problem, and says which setting', () => {
      let error: unknown;
      try {
        loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', ALLOWED_TENANT_IDS: ' , ', PORT: 'eighty', ...ADVISERS });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['ALLOWED_TENANT_IDS', 'PORT']);
      expect(problems.find((problem) => problem.startsWith('ALLOWED_TENANT_IDS'))).toContain('would let every organisation in');
      // MultiTenant is the default app type: naming it changes nothing.
      expect(() => loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', ...ADVISERS })).toThrow(/ALLOWED_TENANT_IDS/);
    });

    it('keeps the embedded default (no app id: loopback, the Agents Playground) open to any tenant', () => {
      expect(loadConfig({}).bot.allowedTenantIds).toEqual([]);
      expect(loadConfig({ MicrosoftAppType: 'MultiTenant' }).bot.allowedTenantIds).toEqual([]);
    });

    it('leaves other app types alone: a multi-tenant app registration may serve several tenants', () => {
      const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', ALLOWED_TENANT_IDS: `${IDENTITY_TENANT},${M365_TENANT}`, ...ADVISERS });
      expect(config.bot.allowedTenantIds).toHaveLength(2);
    });
  });
});
