import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly replyToId?: string;
  readonly authorization?: string;
  readonly activity: Record<string, any>;
  /** The id the connector gave the posted activity, which Teams sends back as replyToId when one of its buttons is clicked. */
  readonly id: string;
}

export interface FailureAnswer {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

/**
 * A stand-in for the Bot Framework connector (the Teams service URL): it accepts the
 * bot's replies on the real REST paths and records them, so tests read what a user would see.
 */
export class LocalConnector {
  readonly calls: ConnectorCall[] = [];
  /** Conversations whose messages the connector refuses with 503, as in an outage on that side. */
  readonly unavailableConversations = new Set<string>();
  /** How long every answer takes (an opened chat's too), as a slow Teams service would. */
  delayMs = 0;
  /**
   * Conversations whose calls the connector holds without answering or recording them: the bot's
   * turn waits there, mid-turn, with nothing shown to the person yet (for a kill at that moment).
   */
  readonly heldConversations = new Set<string>();
  /**
   * Conversations whose calls the connector answers with headers and the start of a body it never finishes, as
   * a connector stalling mid-response would; not recorded as calls (the bot cannot know what became of them).
   */
  readonly stalledBodyConversations = new Set<string>();
  /** The conversation of every call whose body stalled, in order. */
  readonly stalled: string[] = [];
  /** The conversation of every call held so far, in order. */
  readonly held: string[] = [];
  /** The held calls not answered yet; `answerHeld` answers them. */
  private readonly waiting: (() => void)[] = [];
  /** Answers scripted for the next calls into a conversation: e.g. 503, then 429 with Retry-After. */
  private readonly scripted = new Map<string, FailureAnswer[]>();
  /** Decides per call whether to refuse it with 503 (e.g. one in twenty proactive sends). */
  failWhen: ((call: { method: string; conversationId: string }) => boolean) | undefined;
  /** Calls refused by a script or by failWhen, in order. */
  readonly refused: { readonly conversationId: string; readonly status: number }[] = [];
  /** Each member's one-to-one chat with the bot (by their `29:` id), as POST /v3/conversations answers it. */
  readonly personalChats = new Map<string, string>();
  /** The status POST /v3/conversations answers with while set, as Teams refusing to open a chat (403: the app is blocked for that person). */
  newChatRefusal: number | undefined;
  /** Every chat the bot opened with POST /v3/conversations, in order. */
  readonly createdConversations: { readonly memberId: string; readonly conversationId: string }[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.method === 'POST' && /^\/v3\/conversations\/?(?:\?|$)/.test(req.url ?? '')) {
          this.createConversation(res, body);
          return;
        }
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!match) {
          respond(res, 404);
          return;
        }
        const conversationId = decodeURIComponent(match[1]);
        if (this.stalledBodyConversations.has(conversationId)) {
          this.stalled.push(conversationId);
          res.statusCode = 200;
          res.setHeader('content-type', 'application/json');
          res.setHeader('content-length', '1000');
          res.write('{"id":"');
          return;
        }
        if (this.heldConversations.has(conversationId)) {
          this.held.push(conversationId);
          this.waiting.push(() => this.answer(req, res, match, body));
          return;
        }
        this.answer(req, res, match, body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** Answers the calls held so far as if they had just arrived (the turns waiting on them go on), and holds no more. */
  answerHeld(): void {
    this.heldConversations.clear();
    for (const answer of this.waiting.splice(0)) answer();
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, match: RegExpExecArray, body: string): void {
    const conversationId = decodeURIComponent(match[1]);
    if (this.unavailableConversations.has(conversationId)) {
      respond(res, 503, { error: { code: 'ServiceUnavailable', message: 'outage' } });
      return;
    }
    const failure = this.scripted.get(conversationId)?.shift() ??
      (this.failWhen?.({ method: req.method ?? 'GET', conversationId }) ? { status: 503 } : undefined);
    if (failure) {
      this.refused.push({ conversationId, status: failure.status });
      if (failure.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(failure.retryAfterSeconds));
      respond(res, failure.status, { error: { code: failure.status === 429 ? 'Throttled' : 'ServiceUnavailable', message: 'scripted' } });
      return;
    }
    let activity: Record<string, any> = {};
    try {
      activity = body ? JSON.parse(body) : {};
    } catch {
      respond(res, 400);
      return;
    }
    const id = req.method === 'PUT' && match[2] ? decodeURIComponent(match[2]) : `reply-${randomUUID()}`;
    this.calls.push({
      method: req.method ?? 'GET',
      path: req.url ?? '',
      conversationId: decodeURIComponent(match[1]),
      replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: req.headers.authorization,
      activity,
      id,
    });
    const answer = () => respond(res, 200, { id });
    if (this.delayMs > 0) setTimeout(answer, this.delayMs);
    else answer();
  }

  /**
   * POST /v3/conversations: a one-to-one chat with one member, as Teams opens (or finds) it for a bot installed in a team
   * the member is in; the chat of a member in `personalChats` (by their `29:` id), else a new one, kept there.
   */
  private createConversation(res: http.ServerResponse, body: string): void {
    let parameters: { isGroup?: boolean; members?: { id?: string }[] } = {};
    try {
      parameters = body ? JSON.parse(body) : {};
    } catch {
      respond(res, 400);
      return;
    }
    if (this.newChatRefusal !== undefined) {
      respond(res, this.newChatRefusal, { error: { code: 'Forbidden', message: 'scripted' } });
      return;
    }
    const memberId = parameters.members?.[0]?.id;
    if (parameters.isGroup || parameters.members?.length !== 1 || !memberId) {
      respond(res, 400, { error: { code: 'BadArgument', message: 'one member, not a group' } });
      return;
    }
    const conversationId = this.personalChats.get(memberId) ?? `a:1${randomUUID().replace(/-/g, '')}`;
    this.personalChats.set(memberId, conversationId);
    this.createdConversations.push({ memberId, conversationId });
    if (this.delayMs > 0) setTimeout(() => respond(res, 201, { id: conversationId }), this.delayMs);
    else respond(res, 201, { id: conversationId });
  }

  /** The next calls into this conversation get these answers, one each, before it answers normally again. */
  failNext(conversationId: string, ...answers: FailureAnswer[]): void {
    this.scripted.set(conversationId, [...(this.scripted.get(conversationId) ?? []), ...answers]);
  }

  repliesTo(activityId: string): ConnectorCall[] {
    return this.calls.filter((call) => call.replyToId === activityId || call.activity.replyToId === activityId);
  }

  async stop(): Promise<void> {
    // A held call would keep its connection, and close() waiting, for ever.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

// restify patches http.ServerResponse in the same process, so writeHead() is not chainable here.
function respond(res: http.ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body !== undefined) res.setHeader('content-type', 'application/json');
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
