import { loadConfig } from '../../src/config/config';
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
import { postToBot } from '../support/postToBot';

/**
 * Bot Framework authentication, both ways, with botbuilder's own validation code: Teams' token on
 * every inbound activity is checked against signing keys from an OpenID document, and every reply
 * carries the bot's own token. Both identity services run on loopback (localIdentityProvider).
 */

// The app id behind teamsActivities' BOT_ID ("28:<app id>"), as Teams addresses the bot.
const BOT_APP_ID = '6f6a1c3e-1b2d-4c5e-9f70-8a1b2c3d4e5f';
const ANOTHER_BOTS_APP_ID = '0b7d3a52-9c1e-4f0a-8d6b-2e5f4a3c1b90';
const FIVE_MINUTES = 5 * 60;
/**
 * botframework-connector rethrows jsonwebtoken's own errors (a wrong or missing signature, a token
 * not valid yet); StrictBotFrameworkAuthentication turns them into the same 401 as every other refusal.
 */
const REFUSED_BY_JSONWEBTOKEN = 401;

/** A Teams-shaped activity as posted; tokens are bound to its serviceUrl. */
type Activity = { readonly type: string; readonly serviceUrl: string };

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

function post(bot: RunningBot, activity: Activity, authorization?: string): Promise<Response> {
  return postToBot(bot, activity, { authorization });
}

/** What Teams would send with this activity, changed as the options say. */
function teamsToken(activity: Activity, changes: Partial<ChannelTokenOptions> = {}): Promise<string> {
  return identity.authorizationFor({ audience: BOT_APP_ID, serviceUrl: activity.serviceUrl, ...changes });
}

/** Teams sends one while someone types; the bot does nothing with it, so no reply (and no bot token) is needed. */
function typingActivity(serviceUrl: string): Activity {
  const { text: _text, textFormat: _format, ...activity } = messageActivity(teamsUser('Typing Person'), serviceUrl, '');
  return { ...activity, type: 'typing' };
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

  const anHourAgo = secondsFromNow(-3600);
  // Each row: what is wrong, the status the SDK answers, and how the token differs from Teams' (null: no token).
  const refusals: ReadonlyArray<[string, number, Partial<ChannelTokenOptions> | null]> = [
    ['without an Authorization header', 401, null],
    ['with a token signed by a key Teams never published', REFUSED_BY_JSONWEBTOKEN, { signedWith: 'attacker' }],
    ['with a token naming a signing key that is not published', 401, { kid: 'no-such-key' }],
    ['with an unsigned token (alg "none")', REFUSED_BY_JSONWEBTOKEN, { algorithm: 'none' }],
    [
      'with a token that expired more than five minutes ago',
      401,
      { claims: { iat: anHourAgo, nbf: anHourAgo, exp: secondsFromNow(-FIVE_MINUTES - 60) } },
    ],
    [
      'with a token that is valid only from more than five minutes from now',
      REFUSED_BY_JSONWEBTOKEN,
      { claims: { nbf: secondsFromNow(FIVE_MINUTES + 60), exp: secondsFromNow(3600) } },
    ],
    ['with a token Teams issued for another bot', 401, { audience: ANOTHER_BOTS_APP_ID }],
    ['with a token from another issuer', 401, { claims: { iss: 'https://issuer.attacker.example' } }],
    [
      'with a real token whose activity would send the replies (and the bot token) to another serviceUrl',
      401,
      { serviceUrl: 'https://smba.trafficmanager.net/emea/' },
    ],
    ['with a token without a serviceurl claim', 401, { without: ['serviceurl'] }],
    // The SDK checks endorsements only on keys that list some; a key with none would sign for any channel.
    ['with a token signed by a key endorsed only for Web Chat', 401, { signedWith: 'webchatOnly' }],
  ];

  it.each(refusals)('refuses a message %s (HTTP %i), answers nothing and stores nothing', async (_case, status, changes) => {
    const activity = messageActivity(teamsUser('Eve Intruder'), bot.connector.url, 'I saw someone being bullied');
    const response = await post(bot, activity, changes ? await teamsToken(activity, changes) : undefined);
    expect(response.status).toBe(status);
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

/**
 * Replies need the bot's own token. With a client secret, botbuilder asks MSAL for it, and MSAL takes
 * only an https authority and, for any host but Microsoft's own, first asks login.microsoftonline.com
 * whether that authority exists (instance discovery); ValidateAuthority never reaches MSAL. That path
 * cannot run offline. A user-assigned managed identity, as on Azure App Service, gets the token from
 * a local http endpoint instead, which the local identity provider serves.
 */
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

  it('refuses a token for another bot before anything is sent or fetched', async () => {
    const activity = installActivity(teamsUser('Eve Intruder'), bot.connector.url);
    const response = await post(bot, activity, await teamsToken(activity, { audience: ANOTHER_BOTS_APP_ID }));
    expect(response.status).toBe(401);
    expect(bot.connector.calls).toEqual([]);
    expect(identity.tokenRequests).toEqual([]);
    expect(storedRowCounts(bot)).toEqual(NOTHING_STORED);
  });

  it('welcomes a person who installs it, with the bearer token the identity provider issued', async () => {
    const activity = installActivity(teamsUser('Anna Jansen', 'en-GB'), bot.connector.url);
    const response = await post(bot, activity, await teamsToken(activity));
    expect(response.status).toBe(200);

    const [welcome] = bot.connector.repliesTo(activity.id);
    const welcomeCard = welcome?.activity.attachments?.[0]?.content;
    expect(cardText({ card: welcomeCard })).toContain('Saw or experienced something that was not OK?');

    expect(identity.tokenRequests).toEqual([
      expect.objectContaining({
        kind: 'managedIdentity',
        clientId: BOT_APP_ID,
        scope: 'https://api.botframework.com',
        authenticated: true,
      }),
    ]);
    expect(welcome?.authorization).toBe(`Bearer ${identity.tokenRequests[0].accessToken}`);
    // The same check that stays at zero above does see what an accepted turn keeps.
    expect(storedRowCounts(bot).conversations).toBe(1);
  });

  it('answers a question, reusing the token it already has', async () => {
    const question = 'A colleague keeps making jokes about my accent';
    const activity = messageActivity(teamsUser('Bram de Wit'), bot.connector.url, question);
    const response = await post(bot, activity, await teamsToken(activity));
    expect(response.status).toBe(200);
    const replies = bot.connector.repliesTo(activity.id);
    expect(replies.length).toBeGreaterThan(0);
    const bearer = `Bearer ${identity.tokenRequests[0].accessToken}`;
    expect(replies.map((reply) => reply.authorization)).toEqual(replies.map(() => bearer));
    expect(identity.tokenRequests).toHaveLength(1);
  });
});

describe('the settings that point the bot at its identity services', () => {
  const appSettings = {
    MicrosoftAppId: BOT_APP_ID,
    MicrosoftAppPassword: 'secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT_ID,
    ADVISOR_GROUP_ID: '11111111-1111-4111-8111-111111111111',
    AZURE_CLIENT_ID: BOT_APP_ID,
  };

  it('default to public Azure, so production sets none of them', () => {
    expect(loadConfig(appSettings).bot).toMatchObject({
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.com',
      loginUrl: 'https://login.microsoftonline.com/botframework.com',
    });
  });

  it('fetch signing keys over plain http only from this machine', () => {
    const remote = 'http://keys.example.org/v1/.well-known/openidconfiguration';
    expect(() => loadConfig({ ...appSettings, BOT_OPENID_METADATA_URL: remote })).toThrow(/BOT_OPENID_METADATA_URL: must be an https URL/);
    const local = loadConfig({ ...appSettings, BOT_OPENID_METADATA_URL: identity.openIdMetadataUrl });
    expect(local.bot.openIdMetadataUrl).toBe(identity.openIdMetadataUrl);
  });

  it('refuse a login URL that is not https, which MSAL would only refuse at the first reply', () => {
    const loginUrl = identity.loginUrl(TENANT_ID);
    expect(() => loadConfig({ ...appSettings, BOT_LOGIN_URL: loginUrl })).toThrow(/BOT_LOGIN_URL: must be an https URL/);
  });

  it('list every problem with the bot identity at once', () => {
    expect(() => loadConfig({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'secret' })).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.stringContaining('MicrosoftAppId'),
          'MicrosoftAppPassword: MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword',
        ]),
      }),
    );
    expect(() => loadConfig({ MicrosoftAppId: BOT_APP_ID, MicrosoftAppType: 'SingleTenant' })).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          'MicrosoftAppTenantId: MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId',
          'MicrosoftAppPassword: MicrosoftAppType=SingleTenant with MicrosoftAppId needs MicrosoftAppPassword',
        ]),
      }),
    );
  });
});
