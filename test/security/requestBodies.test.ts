import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { startBot, type RunningBot } from '../support/botHarness';
import { startManagedIdentity, type LocalIdentityProvider } from '../support/localIdentityProvider';
import { messageActivity, TENANT_ID, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * An attacker's pass over the request body, before any token is read: the body is the one thing
 * /api/messages reads from anyone on the network. Teams posts one JSON activity, uncompressed and
 * quickly; everything else is refused without being decoded, written to disk or waited for.
 */

const BOT_APP_ID = '6f6a1c3e-1b2d-4c5e-9f70-8a1b2c3d4e5f';
const BODY_LIMIT = 65_536;

let identity: LocalIdentityProvider;
let stopIdentity: () => Promise<void>;
let bot: RunningBot;

beforeAll(async () => {
  ({ identity, stop: stopIdentity } = await startManagedIdentity());
  bot = await startBot({
    MicrosoftAppId: BOT_APP_ID,
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: TENANT_ID,
    BOT_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    BOT_TOKEN_ISSUER: identity.issuer,
    MAX_BODY_BYTES: String(BODY_LIMIT),
    BODY_TIMEOUT_MS: '500',
  });
});
afterAll(async () => {
  await bot?.stop();
  await stopIdentity();
});

function tokenFor(activity: { serviceUrl: string }): Promise<string> {
  return identity.authorizationFor({ audience: BOT_APP_ID, serviceUrl: activity.serviceUrl });
}

/** A Teams message whose JSON is exactly `bytes` long, padded in its text. */
function activityOfSize(bytes: number) {
  const activity = messageActivity(teamsUser('Exact Fit', 'en-GB'), bot.connector.url, '');
  const emptySize = Buffer.byteLength(JSON.stringify(activity));
  return { ...activity, text: 'a'.repeat(bytes - emptySize) };
}

interface RawAnswer {
  readonly status: number;
  readonly connectionClosed: boolean;
}

/**
 * A raw request whose body the caller writes (or does not): what a slow or lying client does.
 * Resolves with the status once the bot answers, however much of the body was sent.
 */
function rawRequest(headers: Record<string, string | number>, writeBody: (request: http.ClientRequest) => void): Promise<RawAnswer> {
  const url = new URL(bot.messagesUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connectionClosed: response.headers.connection === 'close' }));
    });
    // The bot may close the connection while the body is still being written; its answer is what counts.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    writeBody(request);
  });
}

describe('the body limit', () => {
  it('reads a body of exactly MAX_BODY_BYTES (and asks for a shorter message)', async () => {
    const activity = activityOfSize(BODY_LIMIT);
    expect(Buffer.byteLength(JSON.stringify(activity))).toBe(BODY_LIMIT);
    const response = await postToBot(bot, activity, { authorization: await tokenFor(activity) });
    expect(response.status).toBe(200);
    expect(JSON.stringify(bot.connector.repliesTo(activity.id))).toContain('at most 2000 characters');
  });

  it('refuses one byte more with 413, and sends nothing', async () => {
    const activity = activityOfSize(BODY_LIMIT + 1);
    const response = await postToBot(bot, activity, { authorization: await tokenFor(activity) });
    expect(response.status).toBe(413);
    expect(bot.connector.repliesTo(activity.id)).toEqual([]);
  });

  it('refuses a body announced as 10 GB at once, without waiting for it, and closes the connection', async () => {
    const answer = await rawRequest({ 'content-type': 'application/json', 'content-length': 10 * 1024 ** 3 }, (request) => request.write('{"type":'));
    expect(answer).toEqual({ status: 413, connectionClosed: true });
  });

  it('refuses a body sent in chunks that grows past the limit', async () => {
    const answer = await rawRequest({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, (request) => {
      request.write(`{"type":"message","text":"`);
      for (let chunk = 0; chunk < 20; chunk += 1) request.write('b'.repeat(8192));
      request.end('"}');
    });
    expect(answer.status).toBe(413);
  });
});

describe('a body that is not plain JSON', () => {
  it('refuses a gzip body that would unpack to 50 MB (a compression bomb) with 415, without unpacking it', async () => {
    const bomb = gzipSync(Buffer.from(`{"type":"message","channelId":"msteams","text":"${'0'.repeat(50 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(BODY_LIMIT);
    const callsBefore = bot.connector.calls.length;
    // A client that asks to keep the connection: the refusal closes it all the same.
    const answer = await rawRequest({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length, connection: 'keep-alive' }, (request) =>
      request.end(bomb),
    );
    expect(answer).toEqual({ status: 415, connectionClosed: true });
    expect(bot.connector.calls).toHaveLength(callsBefore);
  });

  it('refuses a multipart upload with 415 and writes no file to disk', async () => {
    // A multipart parser writes each uploaded file to the temp folder as upload_<random>, before any route runs.
    const uploads = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_')));
    const before = uploads();
    const form = new FormData();
    form.append('type', 'message');
    form.append('file', new Blob(['x'.repeat(200_000)]), 'payload.bin');
    const response = await fetch(bot.messagesUrl, { method: 'POST', body: form });
    expect([...uploads()].filter((name) => !before.has(name))).toEqual([]);
    expect(response.status).toBe(415);
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'type=message&channelId=msteams&text=hello'],
    ['CSV', 'text/csv', 'type,channelId\nmessage,msteams'],
    ['plain text', 'text/plain', '{"type":"message","channelId":"msteams"}'],
    ['no content type', '', '{"type":"message","channelId":"msteams"}'],
  ])('refuses %s with 415, before any token is read, and closes the connection', async (_kind, contentType, body) => {
    const headers = { 'content-length': Buffer.byteLength(body), connection: 'keep-alive', ...(contentType ? { 'content-type': contentType } : {}) };
    const answer = await rawRequest(headers, (request) => request.end(body));
    expect(answer).toEqual({ status: 415, connectionClosed: true });
  });

  it('still reads JSON with a charset, as Teams sends it (the control for the refusals above)', async () => {
    const activity = messageActivity(teamsUser('Charset Client', 'en-GB'), bot.connector.url, 'help');
    const response = await postToBot(bot, activity, { authorization: await tokenFor(activity), contentType: 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
    expect(bot.connector.repliesTo(activity.id).length).toBeGreaterThan(0);
  });
});

describe('a slow client', () => {
  it('gets 408 and a closed connection when the body does not arrive within BODY_TIMEOUT_MS, and nothing runs', async () => {
    const activity = messageActivity(teamsUser('Slow Loris', 'en-GB'), bot.connector.url, 'help');
    const body = JSON.stringify(activity);
    const authorization = await tokenFor(activity);
    // Half the body, then nothing more: the connection would otherwise stay open for Node's five minutes.
    const answer = await rawRequest({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization }, (request) =>
      request.write(body.slice(0, body.length / 2)),
    );
    expect(answer).toEqual({ status: 408, connectionClosed: true });
    expect(bot.connector.repliesTo(activity.id)).toEqual([]);
  });
});

describe('a client that trickles its headers, or sends none', () => {
  /**
   * Small, so the server's own closing is what the test waits for (Node's default would be a minute), yet long enough that
   * /healthz answers before it on a machine busy with other work: at 1000 ms, a loaded machine's fetch outlasted it.
   */
  const HEADERS_TIMEOUT_MS = '3000';
  let slowBot: RunningBot;
  /** Ended by the test only if the bot did not close them (without the timeouts, Node waits a minute and more). */
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    slowBot = await startBot({ HEADERS_TIMEOUT_MS });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await slowBot?.stop();
  });
  const connect = () => {
    const url = new URL(slowBot.baseUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    sockets.push(socket);
    return socket;
  };

  interface Trickler {
    /** Whether the bot has closed the connection (the client never stops on its own). */
    readonly closed: () => boolean;
    /** Everything the bot sent before it closed the connection. */
    readonly answer: Promise<string>;
  }

  /** A connection that sends the start of a request, then one more header byte every 50 ms, never ending the headers. */
  function trickle(start: string): Trickler {
    const socket = connect();
    let received = '';
    let closed = false;
    const drip = setInterval(() => socket.writable && socket.write('x'), 50);
    drip.unref();
    socket.on('connect', () => socket.write(start));
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const answer = new Promise<string>((resolve) =>
      socket.on('close', () => {
        closed = true;
        clearInterval(drip);
        resolve(received);
      }),
    );
    return { closed: () => closed, answer };
  }

  it('answers 408 and closes each connection once HEADERS_TIMEOUT_MS has passed, while /healthz keeps answering', async () => {
    const tricklers = Array.from({ length: 20 }, () => trickle('POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nX-Slow: '));
    const healthz = await fetch(`${slowBot.baseUrl}/healthz`);
    const stillTrickling = tricklers.filter((trickler) => !trickler.closed()).length;
    expect(healthz.status).toBe(200);
    expect(stillTrickling).toBe(tricklers.length);
    for (const answer of await Promise.all(tricklers.map((trickler) => trickler.answer))) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that sends nothing at all', async () => {
    const socket = connect();
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still answers a request whose headers arrive at once, as Teams sends them (the control)', async () => {
    const activity = messageActivity(teamsUser('Prompt Client', 'en-GB'), slowBot.connector.url, 'help');
    const response = await postToBot(slowBot, activity);
    expect(response.status).toBe(200);
    expect(slowBot.connector.repliesTo(activity.id).length).toBeGreaterThan(0);
  });
});

describe('a connection held past the whole request, or left idle after an answer', () => {
  /** Small, so the server's own closing is what the test waits for; Node's defaults are five minutes and five seconds. */
  let shortBot: RunningBot;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    shortBot = await startBot({ HEADERS_TIMEOUT_MS: '500', BODY_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000', KEEP_ALIVE_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await shortBot?.stop();
  });

  /** Opens a connection, writes `start`, and resolves with everything the bot sent once it closes the connection. */
  function connectionUntilClosed(start: string, onConnect: (socket: net.Socket) => void = () => undefined): Promise<string> {
    const url = new URL(shortBot.baseUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    sockets.push(socket);
    let received = '';
    socket.on('connect', () => {
      socket.write(start);
      onConnect(socket);
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    return new Promise((resolve) => socket.on('close', () => resolve(received)));
  }

  it('closes a connection whose body keeps trickling after the answer, once REQUEST_TIMEOUT_MS has passed', async () => {
    // /healthz answers without reading the body, so no body timeout applies: only the request timeout ends it.
    let drip: NodeJS.Timeout | undefined;
    const received = await connectionUntilClosed('GET /healthz HTTP/1.1\r\nHost: bot\r\nTransfer-Encoding: chunked\r\n\r\n', (socket) => {
      drip = setInterval(() => socket.writable && socket.write('1\r\nx\r\n'), 50);
      drip.unref();
    });
    clearInterval(drip);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('announces KEEP_ALIVE_TIMEOUT_MS to the client and closes a connection left idle after an answer', async () => {
    const received = await connectionUntilClosed('GET /healthz HTTP/1.1\r\nHost: bot\r\nConnection: keep-alive\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toMatch(/\r\nKeep-Alive: timeout=2\r\n/i);
    expect(received.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });
});
