import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeErrorWithoutDetails } from '../../src/logging/logger';
import { PersonalDataRedaction, redactUrl } from '../../src/observability/telemetry';
import { killBot, startBotProcess, type BotProcess } from '../support/botProcess';
import { Conversation } from '../support/conversation';
import { LocalApplicationInsights } from '../support/localApplicationInsights';
import { LocalConnector } from '../support/localConnector';
import { startLocalIdentityProvider, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { personalDataIn } from '../support/personalData';
import { teamsUser } from '../support/teamsActivities';
import type { RunningBot } from '../support/botHarness';

jest.setTimeout(120_000);

describe('URL redaction', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/users/5f0e9a4c-1d2b-4c3a-9e8f-7a6b5c4d3e2f/teamwork/sendActivityNotification', 'https://graph.microsoft.com/v1.0/users/{id}/teamwork/sendActivityNotification'],
    ['https://graph.microsoft.com/v1.0/users/femke.visser@umc.example/sendMail', 'https://graph.microsoft.com/v1.0/users/{id}/sendMail'],
    ['https://smba.trafficmanager.net/emea/v3/conversations/a%3A1f2e3d4c5b6a/activities/1700000000000', 'https://smba.trafficmanager.net/emea/v3/conversations/{id}/activities/{id}'],
    ["https://acct.table.core.windows.net/bystanderCases(PartitionKey='p1',RowKey='r1')?$filter=x", 'https://acct.table.core.windows.net/{id}'],
    ['/api/messages?token=abc', '/api/messages'],
  ])('%s', (raw, redacted) => {
    expect(redactUrl(raw)).toBe(redacted);
  });

  it('drops client addresses and user agents, redacts URLs and exception messages in place', () => {
    const span = {
      attributes: {
        'http.url': 'https://graph.microsoft.com/v1.0/users/5f0e9a4c-1d2b-4c3a-9e8f-7a6b5c4d3e2f/chats',
        'http.method': 'POST',
        'net.peer.ip': '10.1.2.3',
        'http.user_agent': 'Mozilla/5.0',
        'http.status_code': 201,
      },
      events: [{ name: 'exception', attributes: { 'exception.type': 'RestError', 'exception.message': 'body echoed: Femke' } }],
    };
    new PersonalDataRedaction().onEnd(span as never);
    expect(span.attributes).toEqual({
      'http.url': 'https://graph.microsoft.com/v1.0/users/{id}/chats',
      'http.method': 'POST',
      'http.status_code': 201,
    });
    expect(span.events[0].attributes).toEqual({ 'exception.type': 'RestError', 'exception.message': '[redacted]' });
  });

  it('keeps the type and the frames of an exception, in the stack trace it sends and in the log', () => {
    const error = new Error('body echoed:\nFemke\nat de afdeling');
    const span = {
      attributes: {},
      status: { code: 2, message: error.message },
      events: [{ name: 'exception', attributes: { 'exception.type': 'Error', 'exception.message': error.message, 'exception.stacktrace': error.stack } }],
    };
    new PersonalDataRedaction().onEnd(span as never);
    const sentStack = span.events[0]!.attributes['exception.stacktrace']!.split('\n');
    expect(sentStack[0]).toBe('Error: [redacted]');
    expect(sentStack.length).toBeGreaterThan(1);
    expect(sentStack.slice(1).every((line) => line.startsWith('    at '))).toBe(true);
    expect(sentStack[1]).toContain('telemetry.test.ts');
    expect(span.status.message).toBe('[redacted]');
    const logged = serializeErrorWithoutDetails(error) as { type: string; frames: string[] };
    expect(logged.type).toBe('Error');
    expect(logged.frames[0]).toContain('telemetry.test.ts');
    expect(JSON.stringify(logged)).not.toMatch(/Femke|afdeling/);
  });
});

describe('Application Insights, switched on by its connection string', () => {
  let ingestion: LocalApplicationInsights;
  let connector: LocalConnector;
  let dataDir: string;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    ingestion = await new LocalApplicationInsights().start();
    connector = await new LocalConnector().start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-telemetry-'));
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) await killBot(bot);
    await Promise.all([ingestion.stop(), connector.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends requests and dependencies with identifiers redacted, and nothing a person typed or is', async () => {
    bot = await startBotProcess({
      SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      ...ingestion.trustEnvironment,
      // The SDK's own usage statistics go to a Microsoft endpoint this machine cannot reach.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    });
    expect(bot.output.join('')).toContain('"telemetry":"on"');
    const user = teamsUser('Sanne de Vries', 'nl-NL');
    const conversation = new Conversation({ messagesUrl: bot.messagesUrl, connector } as unknown as RunningBot, user);
    await conversation.says('Mijn leidinggevende maakt steeds opmerkingen over mijn uiterlijk');
    await conversation.says('help');

    // SIGTERM flushes the exporter's buffer before the process exits.
    const exitCode = await killBot(bot, 'SIGTERM');
    expect(exitCode).toBe(0);

    const requests = ingestion.ofType('RequestData');
    expect(requests.filter((request) => String(request.url).endsWith('/api/messages'))).toHaveLength(2);
    const replies = ingestion.ofType('RemoteDependencyData').filter((dependency) => String(dependency.data).includes('/v3/conversations/'));
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const reply of replies) expect(String(reply.data)).toMatch(/\/v3\/conversations\/\{id\}\/activities/);

    const sent = ingestion.rawBodies.join('\n');
    expect(personalDataIn([sent])).toEqual([]);
    expect(sent).not.toContain(user.conversationId.slice(2));
    expect(personalDataIn(bot.output)).toEqual([]);
  });

  it("authenticates with the bot's managed identity when AZURE_CLIENT_ID is set, as the deployed resource (DisableLocalAuth) requires", async () => {
    const identity: LocalIdentityProvider = await startLocalIdentityProvider();
    const uploadsBefore = ingestion.authorizations.length;
    const managed = await startBotProcess({
      SQLITE_PATH: path.join(dataDir, 'managed.sqlite'),
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      ...ingestion.trustEnvironment,
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      AZURE_CLIENT_ID: '7d3f1c2e-5b4a-4e8f-9a1b-2c3d4e5f6a7b',
      // App Service tells @azure/identity where its managed-identity endpoint is through these two.
      IDENTITY_ENDPOINT: identity.managedIdentityEndpoint,
      IDENTITY_HEADER: identity.managedIdentityHeader,
    });
    try {
      await new Conversation({ messagesUrl: managed.messagesUrl, connector } as unknown as RunningBot, teamsUser('Daan Jansen', 'en-GB')).says('help');
    } finally {
      expect(await killBot(managed, 'SIGTERM')).toBe(0);
      await identity.stop();
    }
    const monitorTokens = identity.tokenRequests.filter((request) => request.scope?.startsWith('https://monitor.azure.com'));
    expect(monitorTokens.length).toBeGreaterThan(0);
    expect(monitorTokens.every((request) => request.clientId === '7d3f1c2e-5b4a-4e8f-9a1b-2c3d4e5f6a7b' && request.authenticated)).toBe(true);
    const uploads = ingestion.authorizations.slice(uploadsBefore);
    expect(uploads.length).toBeGreaterThan(0);
    const issued = new Set(monitorTokens.map((request) => `Bearer ${request.accessToken}`));
    expect(uploads.filter((authorization) => !issued.has(authorization))).toEqual([]);
  });

  it('is off without a connection string: nothing is sent', async () => {
    const before = ingestion.rawBodies.length;
    const quiet = await startBotProcess({ SQLITE_PATH: path.join(dataDir, 'quiet.sqlite') });
    try {
      expect(quiet.output.join('')).toContain('"telemetry":"off"');
      const user = teamsUser('Daan Jansen', 'en-GB');
      await new Conversation({ messagesUrl: quiet.messagesUrl, connector } as unknown as RunningBot, user).says('help');
    } finally {
      expect(await killBot(quiet, 'SIGTERM')).toBe(0);
    }
    expect(ingestion.rawBodies.length).toBe(before);
  });
});
