import { startBot, type RunningBot } from '../support/botHarness';
import { cardText } from '../support/conversation';
import {
  secondsFromNow,
  startLocalIdentityProvider,
  type ChannelTokenOptions,
  type LocalIdentityProvider,
} from '../support/localIdentityProvider';
import { NOTHING_STORED, storedRowCounts } from '../support/storedRows';
import { installActivity, messageActivity, TENANT_ID, teamsUser } from '../support/teamsActivities';

/**
 * Bot Framework authentication, both ways, with botbuilder's own validation code: Teams' token on
 * every inbound activity is checked against signing keys from an OpenID document, and every reply
 * carries the bot's own token. Both identity services run on loopback (localIdentityProvider).
 */

// The app id behind teamsActivities' BOT_ID ("28:<app id>"), as Teams addresses the bot.
const BOT_APP_ID = '6f6a1c3e-1b2d-4c5e-9f70-8a1b2c3d4e5f';
const ANOTHER_BOTS_APP_ID = '0b7d3a52-9c1e-4f0a-8d6b-2e5f4a3c1b90';
const FIVE_MINUTES = 5 * 60;

type Activity = ReturnType<typeof messageActivity> | ReturnType<typeof installActivity> | { type: 'typing'; serviceUrl: string };

let identity: LocalIdentityProvider;
let quietConsole: jest.SpyInstance;

beforeAll(async () => {
  identity = await startLocalIdentityProvider();
  // botframework console.error()s every refused request; the assertions below say what matters.
  quietConsole = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  quietConsole.mockRestore();
  await identity.stop();
});

/** Where the bot looks for Teams' signing keys: the local identity provider instead of login.botframework.com. */
function channelSettings(): Record<string, string> {
  return { BOT_OPENID_METADATA_URL: identity.openIdMetadataUrl, BOT_TOKEN_ISSUER: identity.issuer };
}

async function post(bot: RunningBot, activity: Activity, authorization?: string): Promise<Response> {
  return fetch(bot.messagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
}

/** What Teams would send with this activity, changed as the options say. */
function teamsToken(activity: Activity, changes: Partial<ChannelTokenOptions> = {}): Promise<string> {
  return identity.authorizationFor({ audience: BOT_APP_ID, serviceUrl: activity.serviceUrl, ...changes });
}

function typingActivity(serviceUrl: string): Activity {
  // Teams sends these while someone types; the bot does nothing with them, so no reply needs a token.
  const { id: _id, text: _text, textFormat: _format, ...rest } = messageActivity(teamsUser('Typing Person'), serviceUrl, '');
  return { ...rest, type: 'typing' } as unknown as Activity;
}

describe('a single-tenant bot with a client secret only lets Teams in', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'local-test-client-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
      ...channelSettings(),
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const refusals: ReadonlyArray<[string, (activity: Activity) => Promise<string | undefined>]> = [
    ['without an Authorization header', async () => undefined],
    ['with a token signed by a key Teams never published', (activity) => teamsToken(activity, { signedWith: 'attacker' })],
    ['with a token naming a signing key that is not published', (activity) => teamsToken(activity, { kid: 'no-such-key' })],
    ['with an unsigned token (alg "none")', (activity) => teamsToken(activity, { algorithm: 'none' })],
    [
      'with a token that expired more than five minutes ago',
      (activity) => teamsToken(activity, { claims: { iat: secondsFromNow(-3600), nbf: secondsFromNow(-3600), exp: secondsFromNow(-FIVE_MINUTES - 60) } }),
    ],
    [
      'with a token that is valid only from more than five minutes from now',
      (activity) => teamsToken(activity, { claims: { nbf: secondsFromNow(FIVE_MINUTES + 60), exp: secondsFromNow(3600) } }),
    ],
    ['with a token Teams issued for another bot', (activity) => teamsToken(activity, { audience: ANOTHER_BOTS_APP_ID })],
    ['with a token from another issuer', (activity) => teamsToken(activity, { claims: { iss: 'https://issuer.attacker.example' } })],
    [
      'with a real token whose activity sends replies (and the bot token) to another serviceUrl',
      (activity) => teamsToken(activity, { serviceUrl: 'https://smba.trafficmanager.net/emea/' }),
    ],
    ['with a token without a serviceurl claim', (activity) => teamsToken(activity, { without: ['serviceurl'] })],
    ['with a token signed by a key endorsed only for Web Chat', (activity) => teamsToken(activity, { signedWith: 'webchatOnly' })],
  ];

  it.each(refusals)('refuses a message %s: 401, no reply, nothing stored', async (_case, authorize) => {
    const activity = messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'I saw someone being bullied');
    const response = await post(bot, activity, await authorize(activity));
    expect(response.status).toBe(401);
    expect(bot.connector.calls).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
  });

  it('accepts the token Teams sends (the control for the refusals above)', async () => {
    const activity = typingActivity(bot.connector.url);
    const response = await post(bot, activity, await teamsToken(activity));
    expect(response.status).toBe(200);
  });

  it('tolerates five minutes of clock skew either way, as the SDK is configured to', async () => {
    const lateActivity = typingActivity(bot.connector.url);
    const justExpired = await teamsToken(lateActivity, {
      claims: { iat: secondsFromNow(-3600), nbf: secondsFromNow(-3600), exp: secondsFromNow(-FIVE_MINUTES + 60) },
    });
    expect((await post(bot, lateActivity, justExpired)).status).toBe(200);

    const earlyActivity = typingActivity(bot.connector.url);
    const almostValid = await teamsToken(earlyActivity, { claims: { nbf: secondsFromNow(FIVE_MINUTES - 60) } });
    expect((await post(bot, earlyActivity, almostValid)).status).toBe(200);
  });

  it('fetched the signing keys once, whatever key ids the tokens named', () => {
    // An unknown kid makes the SDK refetch at most once an hour, so tokens cannot be used to flood the key endpoint.
    expect(identity.metadataRequests).toBe(1);
  });
});

describe('a bot with a managed identity answers Teams with a token from its identity provider', () => {
  let bot: RunningBot;
  const savedEnvironment = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    // App Service tells @azure/identity where its managed-identity endpoint is through these two variables.
    process.env.IDENTITY_ENDPOINT = identity.managedIdentityEndpoint;
    process.env.IDENTITY_HEADER = identity.managedIdentityHeader;
    bot = await startBot({
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT_ID,
      ...channelSettings(),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    for (const [name, value] of Object.entries(savedEnvironment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('refuses a forged token before anything is sent or fetched', async () => {
    const activity = installActivity(teamsUser('Eve Intruder'), bot.connector.url);
    const response = await post(bot, activity, await teamsToken(activity, { signedWith: 'attacker' }));
    expect(response.status).toBe(401);
    expect(bot.connector.calls).toEqual([]);
    expect(identity.tokenRequests).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
  });

  it('welcomes a person who installs it, and the welcome carries the bearer token the identity provider issued', async () => {
    const activity = installActivity(teamsUser('Anna Jansen', 'en-GB'), bot.connector.url);
    const response = await post(bot, activity, await teamsToken(activity));
    expect(response.status).toBe(200);

    const [welcome] = bot.connector.repliesTo(activity.id);
    expect(cardText({ card: welcome?.activity.attachments?.[0]?.content })).toContain('Saw or experienced something that was not OK?');

    expect(identity.tokenRequests).toEqual([
      expect.objectContaining({ kind: 'managedIdentity', clientId: BOT_APP_ID, scope: 'https://api.botframework.com', hadClientSecret: true }),
    ]);
    expect(welcome.authorization).toBe(`Bearer ${identity.tokenRequests[0].accessToken}`);
    // The same check that stays at zero above does see what an accepted turn keeps.
    expect(storedRowCounts(bot).conversations).toBe(1);
  });

  it('answers a question with guidance, reusing the token it already has', async () => {
    const activity = messageActivity(teamsUser('Bram de Wit'), bot.connector.url, 'A colleague keeps making jokes about my accent');
    const response = await post(bot, activity, await teamsToken(activity));
    expect(response.status).toBe(200);
    const replies = bot.connector.repliesTo(activity.id);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((reply) => reply.authorization === `Bearer ${identity.tokenRequests[0].accessToken}`)).toBe(true);
    expect(identity.tokenRequests).toHaveLength(1);
  });
});
