import { randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Microsoft Graph stand-in on loopback that speaks Graph's HTTP shapes for exactly the
 * endpoints the advisor gateway uses, records every call, and fails on request, so the real
 * SDK can be tested end to end without a tenant.
 */

export interface LocalGraphUser {
  readonly id: string;
  readonly displayName: string | null;
  readonly mail?: string | null;
}

/** Graph's presence availability values. */
export type GraphAvailability =
  | 'Available'
  | 'AvailableIdle'
  | 'Away'
  | 'BeRightBack'
  | 'Busy'
  | 'BusyIdle'
  | 'DoNotDisturb'
  | 'Offline'
  | 'PresenceUnknown';

export interface RecordedGraphCall {
  readonly method: string;
  /** Decoded path, e.g. /v1.0/groups/{id}/members/microsoft.graph.user */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased, as Node hands them over. */
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** The status the stand-in answered with; undefined when the connection was dropped or never answered. */
  status?: number;
  /** For a call scripted `neverAnswer`: the client closed the connection while it waited. */
  closedByClient?: boolean;
}

export type ScriptedResponse =
  | {
      readonly status: number;
      /** Sent as Retry-After in delta-seconds. */
      readonly retryAfterSeconds?: number;
      /** Sent as Retry-After verbatim, e.g. an HTTP date. */
      readonly retryAfter?: string;
      readonly code?: string;
      readonly message?: string;
      /** Wait this long before answering. */
      readonly delayMs?: number;
    }
  /** Wait, then answer normally: long enough and the client times out first. */
  | { readonly delayMs: number }
  /** Destroy the socket without answering: a network error for the client. */
  | { readonly dropConnection: true }
  /** Keep the connection open and never answer, until the client gives up (or the stand-in stops). */
  | { readonly neverAnswer: true };

export interface LocalGraphOptions {
  /** Largest page the members endpoint returns, whatever $top asks; Graph's own is 999 (100 by default). */
  readonly pageSize?: number;
  /** When set, only this bearer token is accepted; otherwise any non-empty bearer token is. */
  readonly acceptedToken?: string;
}

export interface DeliveredNotification {
  readonly recipientUserIds: string[];
  readonly activityType: string;
  readonly previewText: string;
  readonly templateParameters: Record<string, string>;
  readonly webUrl: string;
  readonly topic: { readonly source: string; readonly value: string };
}

export interface DeliveredMail {
  readonly sender: string;
  readonly to: string[];
  readonly subject: string;
  readonly bodyText: string;
  readonly saveToSentItems: unknown;
}

const VERSION_PREFIX = '/v1.0';
const PRESENCE_LIMIT = 650;
const NOTIFICATION_RECIPIENT_LIMIT = 100;

const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Forbidden',
  404: 'Request_ResourceNotFound',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class LocalGraph {
  private readonly pagingLoops = new Map<string, 'sameLink' | 'endless'>();
  private readonly groups = new Map<string, LocalGraphUser[]>();
  private readonly presence = new Map<string, GraphAvailability>();
  private readonly scripts: { readonly pattern: string | RegExp; readonly responses: ScriptedResponse[] }[] = [];
  private readonly recorded: RecordedGraphCall[] = [];
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private pageSize: number;
  private readonly acceptedToken: string | undefined;

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    options: LocalGraphOptions,
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.acceptedToken = options.acceptedToken;
  }

  /**
   * The settings that point a bot at this stand-in as its Graph, with an app registration and a sender mailbox; the
   * secret is never used, because tests give the bot a credential of their own (staticGraphCredential).
   */
  botSettings(): Record<string, string> {
    return {
      GRAPH_BASE_URL: this.baseUrl,
      GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      GRAPH_CLIENT_SECRET: 'not-used-in-tests',
      GRAPH_SENDER_MAILBOX: 'vertrouwenspersonen@umc.example',
    };
  }

  static async start(options: LocalGraphOptions = {}): Promise<LocalGraph> {
    let graph: LocalGraph | undefined;
    const server = http.createServer((request, response) => {
      void graph!.handle(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    graph = new LocalGraph(server, `http://127.0.0.1:${port}`, options);
    return graph;
  }

  async stop(): Promise<void> {
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.pendingTimers.clear();
    // Clients keep connections alive; without this, close() waits for them to time out.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  seedGroup(groupId: string, members: readonly LocalGraphUser[]): void {
    this.groups.set(groupId, members.map((member) => ({ ...member })));
  }

  setPresence(userId: string, availability: GraphAvailability): void {
    this.presence.set(userId, availability);
  }

  /**
   * Makes a group's member paging misbehave as a broken Graph proxy might: `sameLink` hands out
   * the first page's next link again and again, `endless` a new link every time, over the same members.
   */
  setPagingLoop(groupId: string, loop: 'sameLink' | 'endless' | undefined): void {
    if (loop) this.pagingLoops.set(groupId, loop);
    else this.pagingLoops.delete(groupId);
  }

  setPageSize(pageSize: number): void {
    this.pageSize = pageSize;
  }

  /**
   * The next requests whose path matches (a substring, or a RegExp) get these responses, one
   * each, in order; once they are used up the endpoint behaves normally again.
   */
  failNext(pathPattern: string | RegExp, responses: readonly ScriptedResponse[]): void {
    this.scripts.push({ pattern: pathPattern, responses: [...responses] });
  }

  /** Every request received, in order, including failed and dropped ones. */
  get calls(): readonly RecordedGraphCall[] {
    return this.recorded;
  }

  callsTo(pathPattern: string | RegExp): RecordedGraphCall[] {
    return this.recorded.filter((call) => matches(pathPattern, call.path));
  }

  clearCalls(): void {
    this.recorded.length = 0;
  }

  /** Activity notifications Graph accepted, one per request, in the domain's shape. */
  deliveredNotifications(): DeliveredNotification[] {
    return this.callsTo('/teamwork/sendActivityNotificationToRecipients')
      .filter((call) => isSuccess(call.status))
      .map((call) => {
        const body = call.body as NotificationBody;
        return {
          recipientUserIds: body.recipients.map((recipient) => recipient.userId),
          activityType: body.activityType,
          previewText: body.previewText.content,
          templateParameters: Object.fromEntries(body.templateParameters.map(({ name, value }) => [name, value])),
          webUrl: body.topic.webUrl,
          topic: { source: body.topic.source, value: body.topic.value },
        };
      });
  }

  /** Mail Graph accepted, one per request. */
  deliveredMails(): DeliveredMail[] {
    return this.callsTo(/\/sendMail$/)
      .filter((call) => isSuccess(call.status))
      .map((call) => {
        const body = call.body as MailBody;
        return {
          sender: call.path.split('/')[3]!,
          to: body.message.toRecipients.map((recipient) => recipient.emailAddress.address),
          subject: body.message.subject,
          bodyText: body.message.body.content,
          saveToSentItems: body.saveToSentItems,
        };
      });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const rawBody = await readBody(request);
    const call: RecordedGraphCall = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parseJson(rawBody),
    };
    this.recorded.push(call);

    const authorization = request.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (!token || (this.acceptedToken !== undefined && token !== this.acceptedToken)) {
      this.sendError(response, call, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      return;
    }

    const scripted = this.takeScript(call.path);
    if (scripted && 'dropConnection' in scripted) {
      request.socket.destroy();
      return;
    }
    if (scripted && 'neverAnswer' in scripted) {
      request.socket.once('close', () => (call.closedByClient = true));
      return;
    }
    if (scripted?.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.pendingTimers.delete(timer);
          resolve();
        }, scripted.delayMs);
        this.pendingTimers.add(timer);
      });
      if (response.destroyed || request.socket.destroyed) return;
    }
    if (scripted && 'status' in scripted) {
      const headers: Record<string, string> = {};
      if (scripted.retryAfterSeconds !== undefined) headers['Retry-After'] = String(scripted.retryAfterSeconds);
      if (scripted.retryAfter !== undefined) headers['Retry-After'] = scripted.retryAfter;
      // Like Graph, the default message quotes the request, so leaks into error messages show up in tests.
      const message = scripted.message ?? `The request to '${call.path}' failed: ${rawBody.slice(0, 300)}`;
      this.sendError(response, call, scripted.status, scripted.code ?? DEFAULT_ERROR_CODES[scripted.status] ?? 'UnknownError', message, headers);
      return;
    }

    try {
      this.route(call, response);
    } catch (error) {
      if (error instanceof GraphHttpError) {
        this.sendError(response, call, error.status, error.code, error.message);
      } else {
        this.sendError(response, call, 500, 'InternalServerError', 'The stand-in failed.');
      }
    }
  }

  private route(call: RecordedGraphCall, response: ServerResponse): void {
    if (!call.path.startsWith(`${VERSION_PREFIX}/`)) {
      throw new GraphHttpError(400, 'BadRequest', `Invalid version: ${call.path}`);
    }
    const path = call.path.slice(VERSION_PREFIX.length);
    const members = /^\/groups\/([^/]+)\/members\/microsoft\.graph\.user$/.exec(path);
    if (call.method === 'GET' && members) return this.listMembers(call, members[1]!, response);
    const user = /^\/users\/([^/]+)$/.exec(path);
    if (call.method === 'GET' && user) return this.getUser(call, user[1]!, response);
    if (call.method === 'POST' && path === '/communications/getPresencesByUserId') return this.getPresences(call, response);
    if (call.method === 'POST' && path === '/teamwork/sendActivityNotificationToRecipients') {
      return this.sendActivityNotification(call, response);
    }
    const sendMail = /^\/users\/([^/]+)\/sendMail$/.exec(path);
    if (call.method === 'POST' && sendMail) return this.sendMail(call, response);
    throw new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
  }

  private listMembers(call: RecordedGraphCall, groupId: string, response: ServerResponse): void {
    const group = this.groups.get(groupId);
    if (!group) {
      throw new GraphHttpError(
        404,
        'Request_ResourceNotFound',
        `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    const top = Number(call.query.$top ?? 100);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      throw new GraphHttpError(400, 'Request_BadRequest', `Invalid page size specified: '${call.query.$top}'. Must be between 1 and 999 inclusive.`);
    }
    const offset = call.query.$skiptoken ? decodeSkipToken(call.query.$skiptoken) : 0;
    const size = Math.min(top, this.pageSize);
    const selected = call.query.$select?.split(',') ?? ['id', 'displayName', 'mail', 'userPrincipalName'];
    const page = group.slice(offset, offset + size).map((member) => selectFields(member, selected));
    const body: Record<string, unknown> = {
      '@odata.context': `${this.baseUrl}${VERSION_PREFIX}/$metadata#users(${selected.join(',')})`,
      value: page,
    };
    const loop = this.pagingLoops.get(groupId);
    if (loop) {
      const nextOffset = loop === 'sameLink' ? size : offset + size;
      body.value = Array.from({ length: size }, (_, index) => group[(offset + index) % group.length]).map((member) =>
        selectFields(member, selected),
      );
      body['@odata.nextLink'] =
        `${this.baseUrl}${VERSION_PREFIX}/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$top=${top}&$skiptoken=${encodeSkipToken(nextOffset)}`;
    } else if (offset + size < group.length) {
      const query = [
        ...(call.query.$select ? [`$select=${call.query.$select}`] : []),
        `$top=${top}`,
        `$skiptoken=${encodeSkipToken(offset + size)}`,
      ].join('&');
      body['@odata.nextLink'] = `${this.baseUrl}${VERSION_PREFIX}/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?${query}`;
    }
    sendJson(response, call, 200, body);
  }

  private getUser(call: RecordedGraphCall, userId: string, response: ServerResponse): void {
    for (const members of this.groups.values()) {
      const user = members.find((member) => member.id === userId);
      if (user) {
        sendJson(response, call, 200, {
          '@odata.context': `${this.baseUrl}${VERSION_PREFIX}/$metadata#users/$entity`,
          ...selectFields(user, call.query.$select?.split(',') ?? ['id', 'displayName', 'mail']),
        });
        return;
      }
    }
    throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`);
  }

  private getPresences(call: RecordedGraphCall, response: ServerResponse): void {
    const ids = (call.body as { ids?: unknown } | undefined)?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
      throw new GraphHttpError(400, 'BadRequest', 'The ids parameter is required.');
    }
    if (ids.length > PRESENCE_LIMIT) {
      throw new GraphHttpError(400, 'BadRequest', `A maximum of ${PRESENCE_LIMIT} ids is supported; ${ids.length} were sent.`);
    }
    sendJson(response, call, 200, {
      '@odata.context': `${this.baseUrl}${VERSION_PREFIX}/$metadata#Collection(microsoft.graph.presence)`,
      value: (ids as string[]).map((id) => {
        const availability = this.presence.get(id) ?? 'PresenceUnknown';
        return { id, availability, activity: availability };
      }),
    });
  }

  private sendActivityNotification(call: RecordedGraphCall, response: ServerResponse): void {
    const body = call.body as Partial<NotificationBody> | undefined;
    const problems: string[] = [];
    if (body?.topic?.source !== 'text' || typeof body.topic.value !== 'string' || typeof body.topic.webUrl !== 'string') {
      problems.push('topic must have source text, a value and a webUrl');
    }
    if (typeof body?.activityType !== 'string' || body.activityType === '') problems.push('activityType is required');
    if (typeof body?.previewText?.content !== 'string') problems.push('previewText.content is required');
    if (
      !Array.isArray(body?.templateParameters) ||
      !body.templateParameters.every((parameter) => typeof parameter?.name === 'string' && typeof parameter.value === 'string')
    ) {
      problems.push('templateParameters must be name/value pairs');
    }
    if (
      !Array.isArray(body?.recipients) ||
      body.recipients.length === 0 ||
      !body.recipients.every(
        (recipient) =>
          recipient?.['@odata.type'] === 'microsoft.graph.aadUserNotificationRecipient' && typeof recipient.userId === 'string',
      )
    ) {
      problems.push('recipients must be aadUserNotificationRecipient entries with a userId');
    } else if (body.recipients.length > NOTIFICATION_RECIPIENT_LIMIT) {
      problems.push(`at most ${NOTIFICATION_RECIPIENT_LIMIT} recipients are allowed per request`);
    }
    if (problems.length > 0) throw new GraphHttpError(400, 'BadRequest', problems.join('; '));
    sendEmpty(response, call, 204);
  }

  private sendMail(call: RecordedGraphCall, response: ServerResponse): void {
    const body = call.body as Partial<MailBody> | undefined;
    const message = body?.message;
    const valid =
      typeof message?.subject === 'string' &&
      message.body?.contentType === 'Text' &&
      typeof message.body.content === 'string' &&
      Array.isArray(message.toRecipients) &&
      message.toRecipients.length > 0 &&
      message.toRecipients.every((recipient) => typeof recipient?.emailAddress?.address === 'string');
    if (!valid) throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    if (body?.saveToSentItems !== undefined && typeof body.saveToSentItems !== 'boolean') {
      throw new GraphHttpError(400, 'BadRequest', 'saveToSentItems must be a boolean.');
    }
    sendEmpty(response, call, 202);
  }

  private takeScript(path: string): ScriptedResponse | undefined {
    const index = this.scripts.findIndex((script) => matches(script.pattern, path));
    if (index === -1) return undefined;
    const script = this.scripts[index]!;
    const next = script.responses.shift();
    if (script.responses.length === 0) this.scripts.splice(index, 1);
    return next;
  }

  private sendError(
    response: ServerResponse,
    call: RecordedGraphCall,
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): void {
    const requestId = randomUUID();
    sendJson(
      response,
      call,
      status,
      {
        error: {
          code,
          message,
          innerError: {
            date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
            'request-id': requestId,
            'client-request-id': call.headers['client-request-id'] ?? requestId,
          },
        },
      },
      { ...headers, 'request-id': requestId },
    );
  }
}

interface NotificationBody {
  topic: { source: string; value: string; webUrl: string };
  activityType: string;
  previewText: { content: string };
  templateParameters: { name: string; value: string }[];
  recipients: { '@odata.type': string; userId: string }[];
}

interface MailBody {
  message: {
    subject: string;
    body: { contentType: string; content: string };
    toRecipients: { emailAddress: { address: string } }[];
  };
  saveToSentItems: unknown;
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

function selectFields(user: LocalGraphUser, fields: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: user.id,
    displayName: user.displayName,
    mail: user.mail ?? null,
    userPrincipalName: user.mail ?? `${user.id}@contoso.example`,
  };
  return Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
}

// Opaque to the client, like Graph's; it only has to survive the round trip.
function encodeSkipToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw new GraphHttpError(400, 'Request_BadRequest', 'Invalid skip token.');
  return Number(match[1]);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(
  response: ServerResponse,
  call: RecordedGraphCall,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  call.status = status;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function sendEmpty(response: ServerResponse, call: RecordedGraphCall, status: number): void {
  call.status = status;
  // No Content-Length on 204: HTTP forbids it there.
  response.writeHead(status, { 'request-id': randomUUID(), ...(status === 204 ? {} : { 'Content-Length': 0 }) });
  response.end();
}
