import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  HTTPMessageHandler,
  ResponseType,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type GraphRequest,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import {
  FEED_RECIPIENTS_PER_CALL,
  OutboundCallError,
  type ActivityFeedNotification,
  type AdvisorDirectory,
  type AdvisorNotifier,
  type Availability,
  type DirectoryMember,
  type MailMessage,
} from '../handoff/advisorPorts';
import type { Logger } from '../logging/logger';
import { parseRetryAfter } from '../outbox/retryAfter';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_NOTIFICATION_TOPIC = 'Bystander support';
const GRAPH_VERSION = 'v1.0';

// Graph's documented ceilings: $top for group members, ids per presence request (recipients per bulk
// activity notification: FEED_RECIPIENTS_PER_CALL, which the feed's once-step batches by).
const MEMBERS_PAGE_SIZE = 999;
const PRESENCE_BATCH_SIZE = 650;
// 100 pages of 999 is far beyond any advisers' group; the time limit keeps a slow loop short too.
const MAX_MEMBER_PAGES = 100;
const MAX_MEMBER_LISTING_MS = 30_000;

// Graph's national clouds, whose tokens carry their own audience; any other host (a proxy,
// a loopback stand-in) fronts the global service and needs a global Graph token.
const NATIONAL_GRAPH_HOSTS = new Set(['graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

const RETRYABLE_STATUS_CODES = new Set([429, 500, 502, 503, 504]);
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Names that reach logs and the outbox; they never carry ids, names or addresses. */
const Operation = {
  listGroupMembers: 'graph.listGroupMembers',
  getPresences: 'graph.getPresences',
  sendActivityNotification: 'graph.sendActivityNotification',
  sendMail: 'graph.sendMail',
} as const;
type Operation = (typeof Operation)[keyof typeof Operation];

const AVAILABILITY_BY_GRAPH_VALUE: ReadonlyMap<string, Availability> = new Map([
  ['Available', 'available'],
  ['AvailableIdle', 'available'],
  ['Busy', 'busy'],
  ['BusyIdle', 'busy'],
  ['DoNotDisturb', 'busy'],
  ['Away', 'away'],
  ['BeRightBack', 'away'],
  ['Offline', 'offline'],
  ['PresenceUnknown', 'unknown'],
]);

export interface GraphAdvisorGatewayOptions {
  /** ManagedIdentityCredential in Azure, an app registration credential elsewhere (see graphCredential.ts). */
  readonly credential: TokenCredential;
  readonly logger: Logger;
  /** Graph's root; a national cloud, or a loopback stand-in in tests. Defaults to the global service. */
  readonly baseUrl?: string;
  /** User id or UPN of the shared mailbox that sends escalation mail; without it mail is refused. */
  readonly senderMailbox?: string;
  /** Per request, including reading the response body. */
  readonly timeoutMs?: number;
  /** Shown as the topic line of the activity-feed notification. */
  readonly notificationTopic?: string;
  /** Member listing stops after this many pages (a looping next link must end somewhere). */
  readonly maxMemberPages?: number;
  /** ... or after this long, whichever comes first. */
  readonly memberListingMs?: number;
}

interface GraphCollection {
  readonly value?: unknown;
  readonly '@odata.nextLink'?: unknown;
}

/**
 * Reaches advisors through Microsoft Graph. The gateway makes exactly one HTTP request per
 * Graph call and never retries: the durable outbox owns retries, so every failure becomes an
 * OutboundCallError saying whether a later attempt can succeed and how long Graph asked to wait.
 */
export class GraphAdvisorGateway implements AdvisorDirectory, AdvisorNotifier {
  private readonly client: Client;
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly senderMailbox: string | undefined;
  private readonly notificationTopic: string;
  private readonly maxMemberPages: number;
  private readonly memberListingMs: number;
  private presenceForbiddenReported = false;

  constructor(options: GraphAdvisorGatewayOptions) {
    const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_GRAPH_BASE_URL);
    this.baseUrl = `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '')}`;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.senderMailbox = options.senderMailbox;
    this.notificationTopic = options.notificationTopic ?? DEFAULT_NOTIFICATION_TOPIC;
    this.maxMemberPages = options.maxMemberPages ?? MAX_MEMBER_PAGES;
    this.memberListingMs = options.memberListingMs ?? MAX_MEMBER_LISTING_MS;
    const authProvider = new TokenCredentialAuthenticationProvider(options.credential, {
      scopes: [NATIONAL_GRAPH_HOSTS.has(baseUrl.hostname) ? `${baseUrl.origin}/.default` : `${DEFAULT_GRAPH_BASE_URL}/.default`],
    });
    this.client = Client.initWithMiddleware({
      baseUrl: this.baseUrl,
      defaultVersion: GRAPH_VERSION,
      middleware: buildMiddlewareChain(authProvider, baseUrl),
      // Hostname only (the SDK ignores ports here): lets the token reach an https proxy or sovereign host.
      customHosts: new Set([baseUrl.hostname]),
    });
  }

  async listGroupMembers(groupId: string): Promise<DirectoryMember[]> {
    const members = new Map<string, DirectoryMember>();
    const seenLinks = new Set<string>();
    const startedAt = Date.now();
    let request = this.client
      .api(`/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user`)
      .select(['id', 'displayName', 'mail'])
      .top(MEMBERS_PAGE_SIZE);
    for (let pages = 1; ; pages += 1) {
      const page = await this.readJson<GraphCollection>(
        Operation.listGroupMembers,
        await this.send(Operation.listGroupMembers, request),
      );
      for (const user of Array.isArray(page.value) ? page.value : []) {
        const member = toDirectoryMember(user);
        if (member) members.set(member.id, member);
      }
      const nextLink = page['@odata.nextLink'];
      if (typeof nextLink !== 'string') return [...members.values()];
      // A next link seen before means every page has been read once already.
      if (seenLinks.has(nextLink)) {
        this.logger.warn({ operation: Operation.listGroupMembers, pages }, 'member paging repeated a page; stopped there');
        return [...members.values()];
      }
      seenLinks.add(nextLink);
      if (pages >= this.maxMemberPages || Date.now() - startedAt > this.memberListingMs) {
        this.logger.warn({ operation: Operation.listGroupMembers, pages }, 'member paging exceeded its page or time limit');
        throw new OutboundCallError(Operation.listGroupMembers, true);
      }
      request = this.client.api(this.pathWithinBase(Operation.listGroupMembers, nextLink));
    }
  }

  async getAvailability(userIds: readonly string[]): Promise<ReadonlyMap<string, Availability>> {
    const uniqueIds = [...new Set(userIds)];
    const availability = new Map<string, Availability>(uniqueIds.map((id) => [id, 'unknown']));
    for (const ids of inBatches(uniqueIds, PRESENCE_BATCH_SIZE)) {
      let response: Response;
      try {
        response = await this.send(Operation.getPresences, this.client.api('/communications/getPresencesByUserId'), { ids });
      } catch (error) {
        // Presence.Read.All is an optional permission; without it every advisor is simply 'unknown'.
        if (error instanceof OutboundCallError && error.statusCode === 403) {
          this.reportPresenceForbiddenOnce();
          return availability;
        }
        throw error;
      }
      const page = await this.readJson<GraphCollection>(Operation.getPresences, response);
      for (const presence of Array.isArray(page.value) ? page.value : []) {
        const { id, availability: graphValue } = (presence ?? {}) as { id?: unknown; availability?: unknown };
        if (typeof id === 'string' && availability.has(id)) {
          availability.set(id, (typeof graphValue === 'string' && AVAILABILITY_BY_GRAPH_VALUE.get(graphValue)) || 'unknown');
        }
      }
    }
    return availability;
  }

  async sendActivityNotification(notification: ActivityFeedNotification): Promise<void> {
    const templateParameters = Object.entries(notification.templateParameters).map(([name, value]) => ({ name, value }));
    for (const userIds of inBatches([...new Set(notification.recipientUserIds)], FEED_RECIPIENTS_PER_CALL)) {
      const response = await this.send(
        Operation.sendActivityNotification,
        this.client.api('/teamwork/sendActivityNotificationToRecipients'),
        {
          topic: { source: 'text', value: this.notificationTopic, webUrl: notification.webUrl },
          activityType: notification.activityType,
          previewText: { content: notification.previewText },
          templateParameters,
          recipients: userIds.map((userId) => ({
            '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
            userId,
          })),
        },
        // Graph answers 412 when the token expires within 45 minutes; a later attempt gets a fresh token.
        [412],
      );
      await discardBody(response);
    }
  }

  async sendMail(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    if (!this.senderMailbox) {
      this.logger.warn({ operation: Operation.sendMail }, 'no sender mailbox is configured; escalation mail cannot be sent');
      throw new OutboundCallError(Operation.sendMail, false);
    }
    const response = await this.send(
      Operation.sendMail,
      this.client.api(`/users/${encodeURIComponent(this.senderMailbox)}/sendMail`),
      {
        message: {
          subject: message.subject,
          body: { contentType: 'Text', content: message.bodyText },
          toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
        },
        // The mail holds case details; a copy in Sent Items would outlive the case's retention period.
        saveToSentItems: false,
      },
    );
    await discardBody(response);
  }

  /**
   * One request through the SDK, answered raw so that this class (not the SDK's error
   * handler, whose messages quote Graph's and therefore the request's data) reads the status.
   */
  private async send(
    operation: Operation,
    request: GraphRequest,
    content?: unknown,
    alsoRetryable: readonly number[] = [],
  ): Promise<Response> {
    const startedAt = Date.now();
    // 'manual': a redirect is unexpected from these endpoints and must not replay a POST elsewhere.
    request.responseType(ResponseType.RAW).options({ signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
    let response: Response;
    try {
      response = content === undefined ? await request.get() : await request.post(content);
    } catch (error) {
      this.logger.debug({ operation, durationMs: Date.now() - startedAt }, 'graph call failed without a response');
      // The SDK refusing the request is a programming or configuration error; anything else
      // (network, timeout, token endpoint) may well succeed on a later attempt.
      throw new OutboundCallError(operation, !(error instanceof GraphClientError));
    }
    this.logger.debug({ operation, statusCode: response.status, durationMs: Date.now() - startedAt }, 'graph call');
    if (response.ok) return response;
    await discardBody(response);
    const retryable = RETRYABLE_STATUS_CODES.has(response.status) || alsoRetryable.includes(response.status);
    throw new OutboundCallError(operation, retryable, response.status, parseRetryAfter(response.headers.get('retry-after')));
  }

  private async readJson<T>(operation: Operation, response: Response): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      // A cut-off or timed-out body; the status was fine, so a later attempt can succeed.
      throw new OutboundCallError(operation, true);
    }
  }

  /** Turns Graph's absolute nextLink into a path for the client, refusing links to any other host. */
  private pathWithinBase(operation: Operation, nextLink: string): string {
    const prefix = `${this.baseUrl}/${GRAPH_VERSION}/`;
    if (!nextLink.startsWith(prefix)) throw new OutboundCallError(operation, false);
    return nextLink.slice(prefix.length - 1);
  }

  private reportPresenceForbiddenOnce(): void {
    if (this.presenceForbiddenReported) return;
    this.presenceForbiddenReported = true;
    this.logger.warn(
      { operation: Operation.getPresences, statusCode: 403 },
      'presence is not readable (Presence.Read.All not granted); advisor availability is unknown',
    );
  }
}

/**
 * The SDK's default chain without RetryHandler and RedirectHandler. Retries belong to the
 * outbox, which backs off durably and honours Retry-After; a RetryHandler here would multiply
 * attempts and swallow the 429s the outbox needs to see. AuthenticationHandler, TelemetryHandler
 * and HTTPMessageHandler (which must be last: it performs the fetch) stay.
 */
function buildMiddlewareChain(authProvider: AuthenticationProvider, baseUrl: URL): Middleware[] {
  const chain: Middleware[] = [new AuthenticationHandler(authProvider)];
  if (baseUrl.protocol === 'http:') chain.push(new LoopbackAuthenticationHandler(authProvider, baseUrl.origin));
  chain.push(new TelemetryHandler(), new HTTPMessageHandler());
  return chain;
}

/**
 * The SDK's AuthenticationHandler attaches the token only to https:// URLs, customHosts
 * included, and strips it from anything else. A plain-http stand-in on loopback (tests, local
 * runs) would get no token, so this handler, placed after it, attaches it for that origin only.
 */
class LoopbackAuthenticationHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly authProvider: AuthenticationProvider,
    private readonly origin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.startsWith(`${this.origin}/`)) {
      const authorization = `Bearer ${await this.authProvider.getAccessToken()}`;
      if (typeof context.request === 'string') {
        const headers = new Headers(context.options?.headers);
        headers.set('Authorization', authorization);
        context.options = { ...context.options, headers };
      } else {
        context.request.headers.set('Authorization', authorization);
      }
    }
    if (!this.next) throw new GraphClientError('LoopbackAuthenticationHandler must not be last in the chain');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('The Graph base URL is not a valid URL');
  }
  // A bearer token over plain http may only travel to this machine.
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname));
  if (!allowed) throw new Error('The Graph base URL must use https (plain http only on loopback)');
  if (url.search || url.hash) throw new Error('The Graph base URL must not have a query or fragment');
  return url;
}

export { parseRetryAfter };

function toDirectoryMember(user: unknown): DirectoryMember | undefined {
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, displayName, mail } = user as { id?: unknown; displayName?: unknown; mail?: unknown };
  if (typeof id !== 'string' || id === '') return undefined;
  // Graph returns null for a user without a display name or mailbox.
  return {
    id,
    displayName: typeof displayName === 'string' ? displayName : '',
    ...(typeof mail === 'string' && mail !== '' ? { mail } : {}),
  };
}

function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Frees the connection; an already aborted or consumed body is fine. */
async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}
