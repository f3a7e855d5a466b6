import { ConfigError, loadConfig } from '../../src/config/config';

/**
 * A production bot (an app id, a managed identity, its tenant) whose ADVISOR_GROUP_ID is missing or blank (a Bicep
 * parameter passed as '', an app setting lost in a slot swap, a manual deploy) started without a word, with the
 * development default LOCAL_ADVISORS = `local-advisor-1:Local Advisor`: a made-up adviser whose "notifications" are
 * log lines. Every request was confirmed and reached nobody, escalation included (red team, stop 31, finding 4).
 * PRODUCT.md: "Never lose a request"; STYLE.md 5: a wrong or missing setting stops the process with one message
 * listing every problem. People named in LOCAL_ADVISORS are a choice, not a slip: development in Teams from one's own
 * machine (docs/DEPLOY.md, "Local development in Teams") runs with an app id and its developer as the adviser, whose
 * chat gets the cards; beside the group the local settings would be ignored, so they are refused there.
 */
const IDENTITY_TENANT = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
const ADVISERS_GROUP = '99999999-8888-4777-8666-555555555555';
const productionBot = {
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppId: '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
  MicrosoftAppTenantId: IDENTITY_TENANT,
  AZURE_CLIENT_ID: '6b0e1f8a-3c2d-4e5f-9a8b-7c6d5e4f3a2b',
  STORAGE: 'azure-tables',
  AZURE_TABLES_ENDPOINT: 'https://stbystander.table.core.windows.net',
  PERSON_KEY_SECRET: 'a'.repeat(64),
  PROGRAMME_GROUP_ID: '11111111-2222-4333-8444-555555555555',
};
const LOCAL_PEOPLE = {
  LOCAL_ADVISORS: 'adviser-object-id:Femke Visser',
  LOCAL_ADVISER_POOLS: 'research-integrity=counsellor-object-id:Ruth Bakker',
  LOCAL_PROGRAMME_LEADS: 'lead-object-id:Ingrid de Wit',
  LOCAL_AUDITORS: 'auditor-object-id:Ingrid de Wit',
};

function problemsOf(environment: Record<string, string>): readonly string[] {
  try {
    loadConfig(environment);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

const settingsNamed = (problems: readonly string[]) => problems.map((problem) => problem.split(':')[0]).sort();

describe('a production bot needs its advisers\' group', () => {
  it.each([
    ['missing', {}],
    ['blank', { ADVISOR_GROUP_ID: '  ' }],
    ['blank, with LOCAL_ADVISORS blank too', { ADVISOR_GROUP_ID: '', LOCAL_ADVISORS: ' ' }],
    ['missing, with only the other local people named', { LOCAL_PROGRAMME_LEADS: LOCAL_PEOPLE.LOCAL_PROGRAMME_LEADS, LOCAL_AUDITORS: LOCAL_PEOPLE.LOCAL_AUDITORS }],
  ])('refuses to start when ADVISOR_GROUP_ID is %s, instead of handing every request to a made-up local adviser', (_how, setting) => {
    const problems = problemsOf({ ...productionBot, ...setting });
    expect(settingsNamed(problems)).toEqual(['ADVISOR_GROUP_ID']);
    expect(problems[0]).toContain('reach nobody');
  });

  it('lists the missing group with every other problem of the start', () => {
    expect(settingsNamed(problemsOf({ ...productionBot, PORT: 'eighty', CLOCK_OFFSET_MINUTES: '5' }))).toEqual(['ADVISOR_GROUP_ID', 'CLOCK_OFFSET_MINUTES', 'PORT']);
  });

  it('refuses the local people beside the group, where they would be ignored, each named and never echoed', () => {
    const problems = problemsOf({ ...productionBot, ADVISOR_GROUP_ID: ADVISERS_GROUP, ...LOCAL_PEOPLE });
    expect(settingsNamed(problems)).toEqual(Object.keys(LOCAL_PEOPLE).sort());
    for (const value of Object.values(LOCAL_PEOPLE)) expect(problems.join('\n')).not.toContain(value.split(':')[1]);
  });

  it('starts with an app id and named local advisers (development in Teams), who are then the advisers', () => {
    const developmentInTeams = { MicrosoftAppId: productionBot.MicrosoftAppId, MicrosoftAppPassword: 'local-client-secret', ALLOWED_TENANT_IDS: IDENTITY_TENANT };
    const config = loadConfig({ ...developmentInTeams, ...LOCAL_PEOPLE });
    expect(config.advisors).toMatchObject({ kind: 'local', members: [{ id: 'adviser-object-id', displayName: 'Femke Visser' }] });
  });

  it('(control) starts with the group set, and hands requests to Graph', () => {
    expect(problemsOf({ ...productionBot, ADVISOR_GROUP_ID: ADVISERS_GROUP })).toEqual([]);
    expect(loadConfig({ ...productionBot, ADVISOR_GROUP_ID: ADVISERS_GROUP }).advisors).toMatchObject({
      kind: 'graph',
      groups: { advisors: ADVISERS_GROUP, programme: productionBot.PROGRAMME_GROUP_ID },
    });
  });

  it('(control) leaves local development alone: without an app id the local advisers are the default', () => {
    expect(loadConfig({}).advisors).toMatchObject({ kind: 'local', members: [{ id: 'local-advisor-1' }] });
    expect(loadConfig(LOCAL_PEOPLE).advisors.kind).toBe('local');
  });

  it('lets a bot whose Bot Framework is on this machine (the tests\' identity provider, which Teams never reaches) keep local people, and nothing else', () => {
    const testIdentity = { BOT_OPENID_METADATA_URL: 'http://127.0.0.1:41234/.well-known/openidconfiguration', BOT_TOKEN_ISSUER: 'http://127.0.0.1:41234' };
    expect(loadConfig({ ...productionBot, ...testIdentity, ...LOCAL_PEOPLE }).advisors.kind).toBe('local');
    // Another identity provider on the network is not this machine: the group is still needed.
    const elsewhere = { BOT_OPENID_METADATA_URL: 'https://login.example.org/v1/.well-known/openidconfiguration' };
    expect(settingsNamed(problemsOf({ ...productionBot, ...elsewhere }))).toEqual(['ADVISOR_GROUP_ID']);
  });
});
