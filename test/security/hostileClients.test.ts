import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { ConfigError, loadConfig } from '../../src/config/config';
import { startBot, type RunningBot } from '../support/botHarness';
import { startManagedIdentity, type ChannelTokenOptions, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { NOTHING_STORED, storedRowCounts } from '../support/storedRows';
import { messageActivity, TENANT_ID, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * What an adversarial review got through (issue 12): a client that is not Teams, a token that is
 * not quite Teams', an open port and a client-chosen serviceUrl. Each case here was answered or
 * followed before the fix; now each is refused before anything is read, sent or stored.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BOT_APP_ID = '6f6a1c3e-1b2d-4c5e-9f70-8a1b2c3d4e5f';

let identity: LocalIdentityProvider;
let stopIdentity: () => Promise<void>;

beforeAll(async () => {
  ({ identity, stop: stopIdentity } = await startManagedIdentity());
});
afterAll(async () => {
  await stopIdentity();
});

/** The production shape: an app id (managed identity), Teams' keys from the identity provider. */
function productionSettings(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MicrosoftAppId: BOT_APP_ID,
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: TENANT_ID,
    BOT_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    BOT_TOKEN_ISSUER: identity.issuer,
    ...extra,
  };
}

function post(bot: RunningBot, activity: object, authorization?: string): Promise<Response> {
  return postToBot(bot, activity, { authorization });
}

function tokenFor(activity: { serviceUrl: string }, changes: Partial<ChannelTokenOptions> = {}): Promise<string> {
  return identity.authorizationFor({ audience: BOT_APP_ID, serviceUrl: activity.serviceUrl, ...changes });
}

/** An HTTP server that should never be called: what a forged serviceUrl would make the bot post to. */
async function startVictim(): Promise<{ url: string; requests: string[]; stop(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with a bearer token' : ''}`);
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"stolen"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/admin/`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('only Teams: a Web Chat or Direct Line client is refused before anything runs', () => {
  let bot: RunningBot;
  const adviser = teamsUser('Femke Visser', 'nl-NL');
  beforeAll(async () => {
    bot = await startBot(productionSettings({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Visser` }));
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it.each(['webchat', 'directline', 'emulator', 'test'])(
    'refuses channel %s with 403, even with a token the Bot Framework signed for that channel and an adviser\'s object id',
    async (channelId) => {
      // Web Chat and Direct Line clients choose `from` themselves: here an adviser's object id, asking for the open cases.
      const activity = { ...messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'cases'), channelId };
      activity.from = { ...activity.from, aadObjectId: adviser.aadObjectId };
      const response = await post(bot, activity, await tokenFor(activity, { signedWith: 'webchatOnly' }));
      expect(response.status).toBe(403);
      expect(bot.connector.calls).toEqual([]);
      expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
    },
  );

  it('still answers Teams (the control for the refusals above)', async () => {
    const activity = messageActivity(teamsUser('Anna Jansen'), bot.connector.url, 'help');
    const response = await post(bot, activity, await tokenFor(activity));
    expect(response.status).toBe(200);
    expect(bot.connector.repliesTo(activity.id).length).toBeGreaterThan(0);
  });
});

describe('in local development, another channel is refused unless ALLOWED_CHANNELS adds it', () => {
  it('refuses Direct Line without an app id, and lets the Bot Framework Emulator in only when it is allowed', async () => {
    const closed = await startBot();
    const opened = await startBot({ ALLOWED_CHANNELS: 'emulator' });
    try {
      const directLine = { ...messageActivity(teamsUser('Eve Intruder'), closed.connector.url, 'help'), channelId: 'directline' };
      expect((await post(closed, directLine)).status).toBe(403);
      expect(closed.connector.calls).toEqual([]);
      expect(storedRowCounts(closed)).toEqual(NOTHING_STORED);

      const emulator = { ...messageActivity(teamsUser('Dev Eloper'), opened.connector.url, 'help'), channelId: 'emulator' };
      expect((await post(opened, emulator)).status).toBe(200);
      expect(opened.connector.repliesTo(emulator.id).length).toBeGreaterThan(0);
    } finally {
      await closed.stop();
      await opened.stop();
    }
  });

  it('refuses another channel in the adapter too, for an activity that reaches the bot past the HTTP edge (the ChannelFilter middleware)', async () => {
    const bot = await startBot();
    const runDirect = (activity: object) => bot.app.adapter.processActivityDirect('', activity as Activity, (context) => bot.app.bot.run(context));
    try {
      const directLine = { ...messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'help'), channelId: 'directline' };
      await runDirect(directLine);
      expect(bot.connector.calls).toEqual([]);
      expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
      expect(bot.logs.filter((line) => line.includes('"channelRefused"'))).toHaveLength(1);

      const teams = messageActivity(teamsUser('Anna Jansen'), bot.connector.url, 'help');
      await runDirect(teams);
      expect(bot.connector.repliesTo(teams.id).length).toBeGreaterThan(0);
    } finally {
      await bot.stop();
    }
  });

  it('refuses ALLOWED_CHANNELS together with an app id: other channels are for development only', () => {
    expect(() => loadConfig(productionSettings({ ALLOWED_CHANNELS: 'webchat' }))).toThrow(/ALLOWED_CHANNELS: other channels than msteams/);
  });
});

describe("Teams' tokens only, and every refusal a plain 401", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(productionSettings());
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('refuses a channel-signed token without exp, which jsonwebtoken would accept forever', async () => {
    const activity = messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'I saw someone being bullied');
    const response = await post(bot, activity, await tokenFor(activity, { without: ['exp'] }));
    expect(response.status).toBe(401);
    expect(await response.json()).toBe('Unauthorized');
    expect(bot.connector.calls).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
  });

  it.each([
    ['an Entra ID (v1) issuer, which the SDK treats as the Emulator', 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', { ver: '1.0', appid: BOT_APP_ID }],
    ['an Entra ID (v2) issuer', 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', { ver: '2.0', azp: BOT_APP_ID }],
    ['a skill-shaped token from another bot', 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', { ver: '2.0', azp: '0b7d3a52-9c1e-4f0a-8d6b-2e5f4a3c1b90' }],
  ])('refuses a token from %s with a plain 401, without looking up any other signing keys', async (_case, iss, claims) => {
    const outbound = recordOutboundConnections();
    try {
      const activity = messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'help');
      const metadataRequestsBefore = identity.metadataRequests;
      const response = await post(bot, activity, await tokenFor(activity, { claims: { iss, ...claims } }));
      expect(response.status).toBe(401);
      expect(await response.json()).toBe('Unauthorized');
      expect(identity.metadataRequests).toBe(metadataRequestsBefore);
      expect(outbound.hosts()).toEqual([]);
      expect(bot.connector.calls).toEqual([]);
    } finally {
      outbound.restore();
    }
  });

  it.each([
    ['no token', null],
    ['a token for another bot', { audience: '0b7d3a52-9c1e-4f0a-8d6b-2e5f4a3c1b90' }],
    ['a forged signature', { signedWith: 'attacker' as const }],
    ['an expired token', { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }],
  ])('answers %s with the same plain 401, naming no app id or claim', async (_case, changes) => {
    const activity = messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'help');
    const response = await post(bot, activity, changes ? await tokenFor(activity, changes) : undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toBe('Unauthorized');
  });
});

describe('closed to the network by default', () => {
  it('listens on loopback without an app id, on every interface with one', () => {
    expect(loadConfig({}).server.host).toBe('127.0.0.1');
    expect(loadConfig(productionSettings()).server.host).toBe('0.0.0.0');
  });

  it('refuses to start without an app id on any other HOST, with one clear message', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST: without MicrosoftAppId the bot accepts unauthenticated requests/);
    }
    // The process itself: it stops before it opens a port, and says why.
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: '0.0.0.0', PORT: '0', SQLITE_PATH: path.join(ROOT, 'data', 'never-created.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('HOST: without MicrosoftAppId the bot accepts unauthenticated requests');
  }, 60_000);

  it('with a managed identity and no ALLOWED_TENANT_IDS, answers only its identity\'s tenant: another gets the notice and leaves no trace', async () => {
    const bot = await startBot(productionSettings());
    try {
      expect(bot.config.bot.allowedTenantIds).toEqual([TENANT_ID]);
      const visitor = messageActivity(teamsUser('Oliver Visitor', 'en-GB', '3c9a8f21-5d4e-4b7a-9e1f-0a2b3c4d5e6f'), bot.connector.url, 'talk');
      expect((await post(bot, visitor, await tokenFor(visitor))).status).toBe(200);
      expect(JSON.stringify(bot.connector.repliesTo(visitor.id))).toContain(bot.app.services.content.strings.en['notice.tenant.text']);
      expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
      // The control: someone of its own tenant is answered as usual.
      const colleague = messageActivity(teamsUser('Anna Jansen', 'en-GB'), bot.connector.url, 'help');
      await post(bot, colleague, await tokenFor(colleague));
      expect(JSON.stringify(bot.connector.repliesTo(colleague.id))).not.toContain(bot.app.services.content.strings.en['notice.tenant.text']);
    } finally {
      await bot.stop();
    }
  });

  it('sends nothing to a serviceUrl outside the Teams service URLs, even with a valid token bound to it', async () => {
    // No ALLOWED_SERVICE_URLS: the production default, Microsoft's Teams and Bot Framework hosts.
    const bot = await startBot(productionSettings({ ALLOWED_SERVICE_URLS: '' }));
    const victim = await startVictim();
    try {
      expect(bot.config.bot.allowedServiceUrls).toContain('https://smba.trafficmanager.net/');
      const tokenRequestsBefore = identity.tokenRequests.length;
      const activity = messageActivity(teamsUser('Eve Intruder'), `${victim.url}?tenant=${TENANT_ID}`, 'help');
      const response = await post(bot, activity, await tokenFor(activity));
      expect(response.status).toBe(403);
      expect(victim.requests).toEqual([]);
      expect(identity.tokenRequests.length).toBe(tokenRequestsBefore);
      expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
      // The refusal is logged with the scheme and host only: no path, no query, no ids.
      const refusal = bot.logs.find((line) => line.includes('"serviceUrlRefused"'));
      expect(refusal).toContain('"serviceUrl":"http://127.0.0.1:');
      expect(refusal).not.toContain('/internal/admin');
      expect(refusal).not.toContain(TENANT_ID);
    } finally {
      await victim.stop();
      await bot.stop();
    }
  });

  it('refuses a proactive message to a stored serviceUrl that is not allowed, and logs it without path or query', async () => {
    const bot = await startBot();
    const victim = await startVictim();
    try {
      const reference = {
        channelId: 'msteams',
        serviceUrl: `${victim.url.replace('127.0.0.1', '10.0.0.1')}?token=abc`,
        conversation: { id: 'a:1stolen', conversationType: 'personal', tenantId: TENANT_ID, isGroup: false, name: '' },
        bot: { id: '28:bot', name: '' },
      };
      let sent = false;
      await expect(
        bot.app.adapter.continueConversationAsync('', reference, async (context) => {
          await context.sendActivity('hello');
          sent = true;
        }),
      ).rejects.toThrow(/not on the allow-list/);
      expect(sent).toBe(false);
      const refusal = bot.logs.find((line) => line.includes('"serviceUrlRefused"'));
      expect(refusal).toContain('"serviceUrl":"http://10.0.0.1:');
      expect(refusal).not.toContain('token=abc');
      expect(refusal).not.toContain('a:1stolen');
    } finally {
      await victim.stop();
      await bot.stop();
    }
  });

  it('sends only under the path an ALLOWED_SERVICE_URLS prefix names, and never to a serviceUrl with user info', async () => {
    const bot = await startBot({ ALLOWED_SERVICE_URLS: 'http://127.0.0.1:*/teams/' });
    try {
      const teamsPath = `${bot.connector.url}teams/`;
      const underThePrefix = messageActivity(teamsUser('Anna Jansen'), teamsPath, 'help');
      expect((await post(bot, underThePrefix)).status).toBe(200);

      const besideThePrefix = messageActivity(teamsUser('Eve Intruder'), `${bot.connector.url}teamsx/`, 'help');
      const withUserInfo = messageActivity(teamsUser('Eve Intruder'), teamsPath.replace('http://', 'http://eve:secret@'), 'help');
      for (const activity of [besideThePrefix, withUserInfo]) {
        expect((await post(bot, activity)).status).toBe(403);
        expect(bot.connector.repliesTo(activity.id)).toEqual([]);
      }
      expect(bot.logs.filter((line) => line.includes('"serviceUrlRefused"'))).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  });

  it('allows only https service URLs, http only on loopback, and no user info', () => {
    expect(() => loadConfig({ ALLOWED_SERVICE_URLS: 'http://smba.example.org/' })).toThrow(/ALLOWED_SERVICE_URLS/);
    expect(() => loadConfig({ ALLOWED_SERVICE_URLS: 'https://*.com/' })).toThrow(/ALLOWED_SERVICE_URLS/);
    expect(loadConfig({ ALLOWED_SERVICE_URLS: 'https://smba.trafficmanager.net/emea/, http://localhost:*/' }).bot.allowedServiceUrls).toEqual([
      'https://smba.trafficmanager.net/emea/',
      'http://localhost:*/',
    ]);
  });
});

/** Every TCP connection the process opens to anything but loopback, while it is recorded. */
function recordOutboundConnections(): { hosts(): string[]; restore(): void } {
  const hosts: string[] = [];
  const original = net.Socket.prototype.connect;
  const spy = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : { host: args[1] }) as { host?: string; path?: string };
    const host = options.host ?? (options.path ? undefined : 'localhost');
    if (host && !['127.0.0.1', 'localhost', '::1'].includes(host)) hosts.push(host);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  return { hosts: () => [...hosts], restore: () => spy.mockRestore() };
}
