import { Writable } from 'node:stream';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import { ConfigError } from '../../src/config/config';
import { createGraphCredential, chooseGraphCredential } from '../../src/graph/graphCredential';
import { GraphAdvisorGateway, parseRetryAfter, type GraphAdvisorGatewayOptions } from '../../src/graph/graphGateway';
import { OutboundCallError, type DirectoryMember } from '../../src/handoff/advisorPorts';
import { createLogger } from '../../src/logging/logger';
import { LocalGraph, type GraphAvailability } from '../support/localGraph';
import { waitFor } from '../support/waitFor';
import { contractFixture, describeAdvisorGatewayContract } from './advisorGateway.contract';

const TOKEN = 'eyJ0eXAiOiJKV1QifQ.local-graph-test-token.signature';
const SENDER = 'vertrouwenspersonen@umc.example';
const { groupId: GROUP_ID, members: MEMBERS } = contractFixture;

/** The one thing mocked: a credential that hands out a fixed token and remembers the scopes asked for. */
function staticCredential(token = TOKEN): TokenCredential & { readonly requestedScopes: string[][] } {
  const requestedScopes: string[][] = [];
  return {
    requestedScopes,
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      requestedScopes.push([scopes].flat());
      return { token, expiresOnTimestamp: Date.now() + 60 * 60_000 };
    },
  };
}

function capturingLogger(): { logger: GraphAdvisorGatewayOptions['logger']; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('debug', destination), lines };
}

interface Harness {
  readonly graph: LocalGraph;
  readonly gateway: GraphAdvisorGateway;
  readonly credential: ReturnType<typeof staticCredential>;
  readonly lines: string[];
}

async function startHarness(
  options: { pageSize?: number; gateway?: Partial<GraphAdvisorGatewayOptions>; acceptedToken?: string } = {},
): Promise<Harness> {
  const graph = await LocalGraph.start({ pageSize: options.pageSize ?? 2, acceptedToken: options.acceptedToken ?? TOKEN });
  graph.seedGroup(GROUP_ID, MEMBERS);
  const credential = staticCredential();
  const { logger, lines } = capturingLogger();
  const gateway = new GraphAdvisorGateway({
    credential,
    logger,
    baseUrl: graph.baseUrl,
    senderMailbox: SENDER,
    timeoutMs: 2_000,
    ...options.gateway,
  });
  return { graph, gateway, credential, lines };
}

/** Runs the call and returns what it threw, failing the test if it did not throw an OutboundCallError. */
async function failureOf(call: () => Promise<unknown>): Promise<OutboundCallError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundCallError);
    return error as OutboundCallError;
  }
  throw new Error('expected the call to fail');
}

function users(count: number, prefix = 'u'): DirectoryMember[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${String(index).padStart(4, '0')}-aaaa-4bbb-8ccc-dddddddddddd`,
    displayName: `Medewerker ${index}`,
    mail: `medewerker.${index}@umc.example`,
  }));
}

describeAdvisorGatewayContract('GraphAdvisorGateway over the Graph SDK and a loopback stand-in', async (fixture) => {
  // Page size 2: the five fixture members arrive over three pages.
  const graph = await LocalGraph.start({ pageSize: 2, acceptedToken: TOKEN });
  graph.seedGroup(fixture.groupId, fixture.members);
  graph.setPresence(fixture.members[0]!.id, 'Available');
  graph.setPresence(fixture.members[1]!.id, 'DoNotDisturb');
  const { logger, lines } = capturingLogger();
  const gateway = new GraphAdvisorGateway({ credential: staticCredential(), logger, baseUrl: graph.baseUrl, senderMailbox: SENDER });
  return {
    gateway,
    sentNotifications: () => graph.deliveredNotifications().map(({ topic: _topic, ...notification }) => notification),
    sentMails: () => graph.deliveredMails().map(({ to, subject, bodyText }) => ({ to, subject, bodyText })),
    logLines: () => lines,
    cleanup: () => graph.stop(),
  };
});

describe('GraphAdvisorGateway', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness?.graph.stop();
  });

  describe('group members', () => {
    it('follows @odata.nextLink across three pages, asking Graph for the largest page', async () => {
      harness = await startHarness({ pageSize: 3 });
      const seven = users(7);
      harness.graph.seedGroup(GROUP_ID, seven);

      expect(await harness.gateway.listGroupMembers(GROUP_ID)).toEqual(seven);

      const calls = harness.graph.callsTo('/members/');
      expect(calls).toHaveLength(3);
      expect(calls.map((call) => call.path)).toEqual(Array(3).fill(`/v1.0/groups/${GROUP_ID}/members/microsoft.graph.user`));
      expect(calls[0]!.query).toEqual({ $select: 'id,displayName,mail', $top: '999' });
      expect(calls[1]!.query.$skiptoken).toBeDefined();
      expect(calls[2]!.query.$skiptoken).toBeDefined();
      expect(calls[2]!.query.$select).toBe('id,displayName,mail');
    });

    it('reads a user without display name or mailbox (Graph sends null) as an empty name and no mail', async () => {
      harness = await startHarness();
      harness.graph.seedGroup(GROUP_ID, [{ id: 'd0000000-0000-4000-8000-000000000001', displayName: null, mail: null }]);

      expect(await harness.gateway.listGroupMembers(GROUP_ID)).toEqual([
        { id: 'd0000000-0000-4000-8000-000000000001', displayName: '' },
      ]);
    });

    it('reports an unknown group as a failure that will not improve', async () => {
      harness = await startHarness();

      const error = await failureOf(() => harness.gateway.listGroupMembers('00000000-0000-4000-8000-000000000000'));

      expect(error).toMatchObject({ operation: 'graph.listGroupMembers', retryable: false, statusCode: 404 });
    });

    // The paging row's "100 pages or 30 s": the page limit is far away here and the time limit 1 ms,
    // with the first page slowed by the stand-in, so only the time limit can end the listing.
    it('stops endless member paging at its time limit, long before its page limit, as a retryable failure', async () => {
      harness = await startHarness({ gateway: { maxMemberPages: 300, memberListingMs: 1 } });
      harness.graph.setPagingLoop(GROUP_ID, 'endless');
      harness.graph.failNext('/members', [{ delayMs: 20 }]);

      const error = await failureOf(() => harness.gateway.listGroupMembers(GROUP_ID));

      expect(error.retryable).toBe(true);
      expect(harness.graph.calls.filter((call) => call.path.includes('/members')).length).toBeLessThan(5);
    });

    it('refuses a nextLink that points at another host, without calling it', async () => {
      const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () =>
        jsonResponse({ value: [], '@odata.nextLink': 'https://graph.evil.example/v1.0/groups/x/members?$skiptoken=1' }),
      );
      try {
        const gateway = new GraphAdvisorGateway({ credential: staticCredential(), logger: capturingLogger().logger });

        const error = await failureOf(() => gateway.listGroupMembers(GROUP_ID));

        expect(error).toMatchObject({ retryable: false });
        expect(fetchSpy).toHaveBeenCalledTimes(1);
      } finally {
        fetchSpy.mockRestore();
      }
    });
  });

  describe('failures become OutboundCallErrors, with no hidden retries', () => {
    it('429 with Retry-After: 2 is retryable after 2000 ms, and exactly one request was made', async () => {
      harness = await startHarness();
      harness.graph.failNext('/members/', [{ status: 429, retryAfterSeconds: 2 }]);

      const error = await failureOf(() => harness.gateway.listGroupMembers(GROUP_ID));

      expect(error).toMatchObject({ operation: 'graph.listGroupMembers', retryable: true, statusCode: 429, retryAfterMs: 2000 });
      expect(harness.graph.calls).toHaveLength(1);
    });

    it('reads Retry-After given as an HTTP date', async () => {
      harness = await startHarness();
      harness.graph.failNext('/sendMail', [{ status: 503, retryAfter: new Date(Date.now() + 5_000).toUTCString() }]);

      const error = await failureOf(() => harness.gateway.sendMail({ to: ['x@umc.example'], subject: 's', bodyText: 'b' }));

      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBeGreaterThan(2_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(5_000);
    });

    it.each([500, 502, 503, 504])('%i is retryable, after one request', async (status) => {
      harness = await startHarness();
      harness.graph.failNext('/communications/getPresencesByUserId', [{ status }]);

      const error = await failureOf(() => harness.gateway.getAvailability([MEMBERS[0]!.id]));

      expect(error).toMatchObject({ operation: 'graph.getPresences', retryable: true, statusCode: status });
      expect(error.retryAfterMs).toBeUndefined();
      expect(harness.graph.calls).toHaveLength(1);
    });

    it.each([400, 401, 403, 404, 409])('%i on a notification is not retryable', async (status) => {
      harness = await startHarness();
      harness.graph.failNext('/teamwork/', [{ status }]);

      const error = await failureOf(() => harness.gateway.sendActivityNotification(notificationTo([MEMBERS[0]!.id])));

      expect(error).toMatchObject({ operation: 'graph.sendActivityNotification', retryable: false, statusCode: status });
      expect(harness.graph.calls).toHaveLength(1);
    });

    it('412 on a notification (token within 45 minutes of expiry) is retryable', async () => {
      harness = await startHarness();
      harness.graph.failNext('/teamwork/', [{ status: 412 }]);

      const error = await failureOf(() => harness.gateway.sendActivityNotification(notificationTo([MEMBERS[0]!.id])));

      expect(error).toMatchObject({ retryable: true, statusCode: 412 });
    });

    it.each([
      ['a members page', (gateway: GraphAdvisorGateway) => gateway.listGroupMembers(GROUP_ID), '/members/'],
      ['a mail', (gateway: GraphAdvisorGateway) => gateway.sendMail({ to: ['x@umc.example'], subject: 's', bodyText: 'b' }), '/sendMail'],
    ] as const)('a dropped connection on %s is retryable, after one request', async (_what, call, path) => {
      harness = await startHarness();
      harness.graph.failNext(path, [{ dropConnection: true }]);

      const error = await failureOf(() => call(harness.gateway));

      expect(error).toMatchObject({ retryable: true, statusCode: undefined });
      expect(harness.graph.calls).toHaveLength(1);
    });

    it('a response slower than timeoutMs is retryable, and the gateway does not wait for it', async () => {
      harness = await startHarness({ gateway: { timeoutMs: 300 } });
      // The stand-in never answers: only the gateway's own timeout can end the call.
      harness.graph.failNext('/sendMail', [{ neverAnswer: true }]);

      const error = await failureOf(() => harness.gateway.sendMail({ to: ['x@umc.example'], subject: 's', bodyText: 'b' }));

      expect(error).toMatchObject({ operation: 'graph.sendMail', retryable: true, statusCode: undefined });
      expect(harness.graph.calls).toHaveLength(1);
      expect(harness.graph.calls[0]!.status).toBeUndefined();
      // It hung up rather than leaving the request open on the stand-in.
      await waitFor(() => harness.graph.calls[0]!.closedByClient === true, 10_000);
    });

    it('succeeds on the next call once the scripted failures are used up', async () => {
      harness = await startHarness();
      harness.graph.failNext('/members/', [{ status: 429, retryAfterSeconds: 1 }, { status: 503 }]);

      await failureOf(() => harness.gateway.listGroupMembers(GROUP_ID));
      await failureOf(() => harness.gateway.listGroupMembers(GROUP_ID));

      expect(await harness.gateway.listGroupMembers(GROUP_ID)).toEqual(MEMBERS);
    });

    it('error messages and fields carry no ids, names, addresses or Graph error text', async () => {
      harness = await startHarness();
      const strangerGroup = 'e1e1e1e1-2222-4333-8444-555555555555';
      harness.graph.failNext('/sendMail', [{ status: 400 }]);
      harness.graph.failNext('/teamwork/', [{ status: 403, message: `Recipient ${MEMBERS[1]!.id} has not installed the app` }]);
      harness.graph.failNext('/communications/', [{ status: 429, retryAfterSeconds: 3 }]);

      const errors = [
        await failureOf(() => harness.gateway.listGroupMembers(strangerGroup)),
        await failureOf(() => harness.gateway.sendMail(mailTo(MEMBERS))),
        await failureOf(() => harness.gateway.sendActivityNotification(notificationTo(MEMBERS.map((member) => member.id)))),
        await failureOf(() => harness.gateway.getAvailability(MEMBERS.map((member) => member.id))),
      ];

      const personal = [
        strangerGroup,
        SENDER,
        'vertrouwenspersonen',
        ...MEMBERS.flatMap((member) => [member.id, member.displayName, member.mail ?? member.id]),
        'does not exist',
        'has not installed',
        'failed:',
      ];
      for (const error of errors) {
        const text = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
        for (const value of personal) expect(text).not.toContain(value);
      }
      const logs = harness.lines.join('\n');
      for (const value of [...personal, TOKEN]) expect(logs).not.toContain(value);
    });
  });

  describe('presence', () => {
    it('maps each Graph availability onto the domain', async () => {
      harness = await startHarness();
      const expected: [GraphAvailability, string][] = [
        ['Available', 'available'],
        ['AvailableIdle', 'available'],
        ['Busy', 'busy'],
        ['BusyIdle', 'busy'],
        ['DoNotDisturb', 'busy'],
        ['Away', 'away'],
        ['BeRightBack', 'away'],
        ['Offline', 'offline'],
        ['PresenceUnknown', 'unknown'],
      ];
      const people = users(expected.length);
      expected.forEach(([graphValue], index) => harness.graph.setPresence(people[index]!.id, graphValue));

      const availability = await harness.gateway.getAvailability(people.map((person) => person.id));

      expect(people.map((person) => availability.get(person.id))).toEqual(expected.map(([, domainValue]) => domainValue));
    });

    it('asks for at most 650 ids per request', async () => {
      harness = await startHarness();
      const ids = users(700).map((user) => user.id);

      const availability = await harness.gateway.getAvailability(ids);

      expect(availability.size).toBe(700);
      const calls = harness.graph.callsTo('/communications/getPresencesByUserId');
      expect(calls.map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([650, 50]);
      expect(calls.flatMap((call) => (call.body as { ids: string[] }).ids)).toEqual(ids);
    });

    it('answers unknown for everyone when presence permission is missing (403), and says so once in the log', async () => {
      harness = await startHarness();
      harness.graph.failNext('/communications/', [{ status: 403, code: 'Forbidden' }, { status: 403, code: 'Forbidden' }]);
      const ids = MEMBERS.map((member) => member.id);

      const first = await harness.gateway.getAvailability(ids);
      const second = await harness.gateway.getAvailability(ids);

      expect([...first.values()]).toEqual(ids.map(() => 'unknown'));
      expect([...second.values()]).toEqual(ids.map(() => 'unknown'));
      const warnings = harness.lines.filter((line) => line.includes('"level":"warn"'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Presence.Read.All');
    });
  });

  describe('activity notifications', () => {
    it('sends 230 recipients in three requests of at most 100', async () => {
      harness = await startHarness();
      const recipients = users(230).map((user) => user.id);

      await harness.gateway.sendActivityNotification(notificationTo(recipients));

      const delivered = harness.graph.deliveredNotifications();
      expect(delivered.map((notification) => notification.recipientUserIds.length)).toEqual([100, 100, 30]);
      expect(delivered.flatMap((notification) => notification.recipientUserIds)).toEqual(recipients);
    });

    it("posts Graph's request shape: text topic with deep link, preview, template parameters, AAD user recipients", async () => {
      harness = await startHarness({ gateway: { notificationTopic: 'Vertrouwenspersonen' } });
      const notification = notificationTo([MEMBERS[0]!.id, MEMBERS[1]!.id]);

      await harness.gateway.sendActivityNotification(notification);

      const [call] = harness.graph.callsTo('/teamwork/sendActivityNotificationToRecipients');
      expect(call).toMatchObject({ method: 'POST', status: 204 });
      expect(call!.headers['content-type']).toContain('application/json');
      expect(call!.body).toEqual({
        topic: { source: 'text', value: 'Vertrouwenspersonen', webUrl: notification.webUrl },
        activityType: 'handoffRequested',
        previewText: { content: notification.previewText },
        templateParameters: [{ name: 'caseCode', value: 'VP-7Q4K' }],
        recipients: [
          { '@odata.type': 'microsoft.graph.aadUserNotificationRecipient', userId: MEMBERS[0]!.id },
          { '@odata.type': 'microsoft.graph.aadUserNotificationRecipient', userId: MEMBERS[1]!.id },
        ],
      });
    });

    it('a failing later batch fails the whole call (the outbox retries it; earlier batches may then repeat)', async () => {
      harness = await startHarness();
      harness.graph.failNext('/teamwork/', [{ delayMs: 0 }, { status: 503 }]);

      const error = await failureOf(() => harness.gateway.sendActivityNotification(notificationTo(users(150).map((user) => user.id))));

      expect(error).toMatchObject({ retryable: true, statusCode: 503 });
      expect(harness.graph.deliveredNotifications().map((notification) => notification.recipientUserIds.length)).toEqual([100]);
    });
  });

  describe('mail', () => {
    it('sends from the shared mailbox as plain text without keeping a copy in Sent Items', async () => {
      harness = await startHarness();

      await harness.gateway.sendMail(mailTo(MEMBERS));

      const [call] = harness.graph.callsTo('/sendMail');
      expect(call).toMatchObject({ method: 'POST', path: `/v1.0/users/${SENDER}/sendMail`, status: 202 });
      expect(call!.body).toEqual({
        message: {
          subject: 'Hulpvraag wacht',
          body: { contentType: 'Text', content: 'Open de bot in Teams.' },
          toRecipients: MEMBERS.filter((member) => member.mail).map((member) => ({ emailAddress: { address: member.mail } })),
        },
        saveToSentItems: false,
      });
    });

    it('refuses mail when no sender mailbox is configured, without calling Graph', async () => {
      harness = await startHarness({ gateway: { senderMailbox: undefined } });

      const error = await failureOf(() => harness.gateway.sendMail(mailTo(MEMBERS)));

      expect(error).toMatchObject({ operation: 'graph.sendMail', retryable: false });
      expect(harness.graph.calls).toHaveLength(0);
    });
  });

  describe('authentication', () => {
    it("carries the credential's token on every request, asked for Graph's .default scope", async () => {
      harness = await startHarness();

      await harness.gateway.listGroupMembers(GROUP_ID);
      await harness.gateway.getAvailability([MEMBERS[0]!.id]);
      await harness.gateway.sendActivityNotification(notificationTo([MEMBERS[0]!.id]));
      await harness.gateway.sendMail(mailTo(MEMBERS));

      expect(harness.graph.calls.length).toBeGreaterThanOrEqual(6);
      for (const call of harness.graph.calls) expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(harness.credential.requestedScopes[0]).toEqual(['https://graph.microsoft.com/.default']);
    });

    it('a token Graph rejects (401) is not retryable', async () => {
      harness = await startHarness({ acceptedToken: 'a-different-token' });

      const error = await failureOf(() => harness.gateway.listGroupMembers(GROUP_ID));

      expect(error).toMatchObject({ retryable: false, statusCode: 401 });
    });

    it.each(['https://graph.microsoft.com', 'https://graph.proxy.umc.example'])(
      'over https, the SDK attaches the token exactly once to %s (no loopback handler involved)',
      async (baseUrl) => {
        const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse({ value: [] }));
        try {
          const credential = staticCredential();
          const gateway = new GraphAdvisorGateway({ credential, logger: capturingLogger().logger, baseUrl: `${baseUrl}/` });

          await gateway.listGroupMembers(GROUP_ID);

          expect(fetchSpy).toHaveBeenCalledTimes(1);
          const [url, init] = fetchSpy.mock.calls[0]!;
          expect(url).toBe(`${baseUrl}/v1.0/groups/${GROUP_ID}/members/microsoft.graph.user?$select=id,displayName,mail&$top=999`);
          expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
          // A proxy fronts the global service, so the token is still for Graph itself.
          expect(credential.requestedScopes[0]).toEqual(['https://graph.microsoft.com/.default']);
        } finally {
          fetchSpy.mockRestore();
        }
      },
    );

    it('asks a national cloud for its own scope', async () => {
      const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse({ value: [] }));
      try {
        const credential = staticCredential();
        const gateway = new GraphAdvisorGateway({ credential, logger: capturingLogger().logger, baseUrl: 'https://graph.microsoft.us' });

        await gateway.listGroupMembers(GROUP_ID);

        expect(credential.requestedScopes[0]).toEqual(['https://graph.microsoft.us/.default']);
        expect(new Headers(fetchSpy.mock.calls[0]![1]?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      } finally {
        fetchSpy.mockRestore();
      }
    });

    it('refuses a plain-http base URL that is not loopback, so a token never travels unencrypted', () => {
      expect(
        () => new GraphAdvisorGateway({ credential: staticCredential(), logger: capturingLogger().logger, baseUrl: 'http://graph.umc.example' }),
      ).toThrow(/https/);
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');

  it.each([
    ['2', 2_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['1.5', 1_500],
    ['Mon, 10 Mar 2025 12:00:30 GMT', 30_000],
    ['Mon, 10 Mar 2025 11:59:00 GMT', 0],
    // A week, in seconds or as a date, waits ten minutes (MAX_RETRY_AFTER_MS).
    ['604800', 600_000],
    ['Mon, 17 Mar 2025 12:00:00 GMT', 600_000],
  ])('%s → %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([null, '', 'soon', '-5'])('%p → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('createGraphCredential', () => {
  it('uses the system-assigned managed identity when nothing else is set', () => {
    expect(chooseGraphCredential({}).kind).toBe('managedIdentity');
    expect(createGraphCredential({})).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('uses a user-assigned managed identity by client id', () => {
    expect(createGraphCredential({ managedIdentityClientId: '11111111-2222-4333-8444-555555555555' })).toBeInstanceOf(
      ManagedIdentityCredential,
    );
  });

  it('uses an app registration secret, even when a managed identity client id is set for storage', () => {
    const settings = {
      managedIdentityClientId: '11111111-2222-4333-8444-555555555555',
      tenantId: '22222222-2222-4333-8444-555555555555',
      clientId: '33333333-2222-4333-8444-555555555555',
      clientSecret: 'not-a-real-secret',
    };
    expect(chooseGraphCredential(settings).kind).toBe('clientSecret');
    expect(createGraphCredential(settings)).toBeInstanceOf(ClientSecretCredential);
  });

  it('uses an app registration certificate', () => {
    const settings = {
      tenantId: '22222222-2222-4333-8444-555555555555',
      clientId: '33333333-2222-4333-8444-555555555555',
      certificatePath: '/etc/bot/graph.pem',
    };
    expect(createGraphCredential(settings)).toBeInstanceOf(ClientCertificateCredential);
  });

  it('lists every problem at once, without echoing the values', () => {
    const settings = { clientSecret: 'super-secret-value', certificatePath: '/etc/bot/graph.pem' };

    const choice = chooseGraphCredential(settings);

    expect(choice.kind).toBeUndefined();
    expect(choice.problems).toHaveLength(3);
    expect(() => createGraphCredential(settings)).toThrow(ConfigError);
    expect(() => createGraphCredential(settings)).not.toThrow(/super-secret-value/);
  });

  it('refuses a client id without a secret or certificate', () => {
    expect(chooseGraphCredential({ tenantId: 't', clientId: 'c' }).problems).toEqual([
      'graph credential: an app registration (tenantId, clientId) needs certificatePath or clientSecret',
    ]);
  });
});

function notificationTo(recipientUserIds: string[]) {
  return {
    recipientUserIds,
    activityType: 'handoffRequested',
    previewText: 'Nieuwe hulpvraag van een omstander',
    templateParameters: { caseCode: 'VP-7Q4K' },
    webUrl: 'https://teams.microsoft.com/l/entity/0f9a1b2c-3d4e-5f60-7182-93a4b5c6d7e8/cases',
  };
}

function mailTo(members: readonly DirectoryMember[]) {
  return {
    to: members.flatMap((member) => (member.mail ? [member.mail] : [])),
    subject: 'Hulpvraag wacht',
    bodyText: 'Open de bot in Teams.',
  };
}

function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}
