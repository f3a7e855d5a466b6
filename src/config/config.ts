import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../guidance/vocabulary';
import { deepFreeze } from '../shared/deepFreeze';
import { MAX_ANALYSED_CHARS } from '../shared/messageLength';

/**
 * Every setting the bot reads, parsed and validated once at start. Nothing else in the code
 * reads process.env, so this file is the complete list of what an operator can set.
 */

function commaSeparated(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

const commaSeparatedList = z.string().optional().transform(commaSeparated);

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const optionalUrl = optionalString.pipe(z.url().optional());

const positiveInt = (defaultValue: number) => z.coerce.number().int().positive().default(defaultValue);

/** The Bot Framework endpoints of public Azure, as botframework-connector's AuthenticationConstants has them. */
const PUBLIC_CLOUD = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  loginUrl: 'https://login.microsoftonline.com/botframework.com',
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Signing keys fetched over plain http from another machine could be swapped on the way, so only
 * an identity provider on this machine may use http. MSAL refuses any authority that is not https.
 */
const urlWithDefault = (defaultValue: string, transport: 'https' | 'httpsOrLoopback') =>
  optionalString.transform((value) => value ?? defaultValue).pipe(
    z.url().refine(
      (value) => usesAllowedTransport(value, transport),
      transport === 'https' ? 'must be an https URL' : 'must be an https URL (http only for localhost or 127.0.0.1)',
    ),
  );

function usesAllowedTransport(value: string, transport: 'https' | 'httpsOrLoopback'): boolean {
  // zod runs this check even after z.url() failed; that failure already names the problem.
  if (!URL.canParse(value)) return true;
  const { protocol, hostname } = new URL(value);
  return protocol === 'https:' || (transport === 'httpsOrLoopback' && protocol === 'http:' && LOOPBACK_HOSTS.has(hostname));
}

const DEFAULT_LOCAL_ADVISORS = 'local-advisor-1:Local Advisor';
/** Exported for the card previews, which show the privacy card as a bot with default settings tells it. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** Without a Bot Framework identity anyone who reaches the port could act as anyone, so only this machine may. */
const LOOPBACK_LISTEN_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** The one channel the bot serves; ALLOWED_CHANNELS may add others for local development only. */
export const TEAMS_CHANNEL_ID = 'msteams';

/**
 * Where Teams' connector lives, as Microsoft publishes it (the Agents SDK's TeamsServiceEndpoints:
 * public, GCC, GCC High, DoD), plus the Bot Framework's own hosts. Replies and proactive messages
 * go nowhere else, whatever serviceUrl an activity names.
 */
export const MICROSOFT_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
  'https://*.botframework.com/',
] as const;

/** Local mode (no app id): the Agents Playground and other clients on this machine. */
export const LOOPBACK_SERVICE_URLS = ['http://localhost:*/', 'http://127.0.0.1:*/', 'http://[::1]:*/'] as const;

/** A channel id as the Bot Framework names them (msteams, emulator, webchat, directline). */
const CHANNEL_ID = /^[a-z][a-z0-9-]{1,31}$/;

/** The person-key secret: at least 32 characters (256 bits when it is 64 hex digits, as `openssl rand -hex 32` gives). */
const MIN_PERSON_KEY_SECRET_LENGTH = 32;

/** Named once: the schema's defaults and the check of their order read the same numbers. */
const DEFAULT_ESCALATION = { afterMinutes: 60, urgentAfterMinutes: 15 } as const;

/** Named once: the schema's defaults and the check of how they combine read the same numbers. */
const DEFAULT_CONNECTION_TIMEOUTS = { headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 } as const;

/** Parsed before the other settings (`contentSettings`, for the content is read first) and with them: one definition. */
const contentDirSetting = optionalString.transform((value) => path.resolve(value ?? 'content'));

const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Default: every interface with a Bot Framework identity, loopback without one (see settingCombinationProblems). */
    HOST: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CONTENT_DIR: contentDirSetting,
    DEFAULT_LOCALE: z.enum(['nl', 'en']).default('en'),
    MAX_BODY_BYTES: positiveInt(256 * 1024),
    BODY_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_TIMEOUTS.bodyTimeoutMs),
    /**
     * How long a connection may hold the server: Node's own defaults (a minute for headers, five for a
     * request) let a client that trickles bytes keep a socket that long. Teams sends a request at once.
     */
    HEADERS_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_TIMEOUTS.headersTimeoutMs),
    REQUEST_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_TIMEOUTS.requestTimeoutMs),
    KEEP_ALIVE_TIMEOUT_MS: positiveInt(DEFAULT_CONNECTION_TIMEOUTS.keepAliveTimeoutMs),
    /** Never more than the classifier reads: past it, the danger check and the relay would see only part of what the bot accepted. */
    MAX_MESSAGE_CHARS: z.coerce
      .number()
      .int()
      .positive()
      .max(MAX_ANALYSED_CHARS, `at most ${MAX_ANALYSED_CHARS}, all the danger check reads of a message`)
      .default(MAX_ANALYSED_CHARS),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    /**
     * Where the Bot Framework lives. The defaults are public Azure and production leaves them
     * alone; the tests point them at an identity provider on loopback (test/support).
     * Inbound: the OpenID document whose keys sign the token on every activity, and that token's issuer.
     */
    BOT_OPENID_METADATA_URL: urlWithDefault(PUBLIC_CLOUD.openIdMetadataUrl, 'httpsOrLoopback'),
    BOT_TOKEN_ISSUER: optionalString.transform((value) => value ?? PUBLIC_CLOUD.tokenIssuer),
    /**
     * Outbound: the Entra ID authority (login URL with tenant, not the token endpoint) the bot's
     * own token for the connector comes from. For public Azure the SDK adds MicrosoftAppTenantId itself.
     */
    BOT_LOGIN_URL: urlWithDefault(PUBLIC_CLOUD.loginUrl, 'https'),
    ALLOWED_TENANT_IDS: commaSeparatedList,
    /** Channels besides msteams, for local development only (e.g. `emulator`); refused with an app id. */
    ALLOWED_CHANNELS: commaSeparatedList.pipe(z.array(z.string().regex(CHANNEL_ID, 'channel ids such as emulator, comma-separated'))),
    /** Service URL patterns replies may go to; default: Microsoft's with an app id, loopback without. */
    ALLOWED_SERVICE_URLS: commaSeparatedList.pipe(
      z.array(z.string().refine(isServiceUrlPattern, 'https URL prefixes (http only for localhost, 127.0.0.1, [::1]), host may start with *., port may be *')),
    ),
    /**
     * How long one call to the Bot Framework connector (a reply, a proactive message) may go unanswered: a connector
     * that accepts the connection and never answers would hold the turn, and the person's message, for good.
     */
    CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
    /** The HMAC secret for person keys; in Azure a Key Vault reference. Without it (SQLite only) one is generated into the data directory. */
    PERSON_KEY_SECRET: optionalString.pipe(
      z.string().min(MIN_PERSON_KEY_SECRET_LENGTH, `must be at least ${MIN_PERSON_KEY_SECRET_LENGTH} characters (openssl rand -hex 32)`).optional(),
    ),

    STORAGE: z.enum(['sqlite', 'azure-tables']).default('sqlite'),
    SQLITE_PATH: z.string().default(path.join('data', 'bot.sqlite')),
    AZURE_TABLES_CONNECTION_STRING: optionalString,
    AZURE_TABLES_ENDPOINT: optionalUrl,
    AZURE_TABLES_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits only, starting with a letter')
      .default('bystander'),
    AZURE_CLIENT_ID: optionalString,

    ADVISOR_GROUP_ID: optionalString,
    BACKUP_GROUP_ID: optionalString,
    PROGRAMME_GROUP_ID: optionalString,
    /** Who may ask the bot for the programme's figures ("inzichten" / "insights"); without it, PROGRAMME_GROUP_ID. */
    PROGRAMME_LEAD_GROUP_ID: optionalString,
    /** Who may read the audit trail in Teams ("audit"): the privacy officer's auditors; nobody without it. */
    AUDITOR_GROUP_ID: optionalString,
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
    GRAPH_TENANT_ID: optionalString,
    GRAPH_CLIENT_ID: optionalString,
    GRAPH_CLIENT_SECRET: optionalString,
    GRAPH_CERTIFICATE_PATH: optionalString,
    GRAPH_SENDER_MAILBOX: optionalString,
    /** Development without Graph (the Playground, or in Teams from one's machine): advisors as `id:Display Name` pairs, separated by `;`. */
    LOCAL_ADVISORS: z.string().default(DEFAULT_LOCAL_ADVISORS),
    /** Local development: programme leads as `id:Display Name` pairs; nobody by default. */
    LOCAL_PROGRAMME_LEADS: z.string().default(''),
    /** Local development: who may read the audit trail in Teams, as `id:Display Name` pairs; nobody by default. */
    LOCAL_AUDITORS: z.string().default(''),
    /** Topic pools other than the default (content/adviser-pools.json) and their Entra groups: `pool=groupId,pool=groupId`. */
    ADVISER_POOL_GROUPS: z.string().default(''),
    /** The backup groups of those pools, in the same form. */
    ADVISER_POOL_BACKUP_GROUPS: z.string().default(''),
    /** Local development: the people of other pools, `pool=id:Name;id:Name|pool=id:Name`. */
    LOCAL_ADVISER_POOLS: z.string().default(''),
    ADVISOR_LOCALE: z.enum(['nl', 'en']).default('nl'),
    ESCALATE_AFTER_MINUTES: positiveInt(DEFAULT_ESCALATION.afterMinutes),
    /** At most ESCALATE_AFTER_MINUTES (see escalationOrderProblems). */
    ESCALATE_URGENT_AFTER_MINUTES: positiveInt(DEFAULT_ESCALATION.urgentAfterMinutes),
    EXPIRE_AFTER_DAYS: positiveInt(14),
    SWEEP_INTERVAL_SECONDS: positiveInt(60),
    OUTBOX_POLL_MS: positiveInt(1000),
    /** How long a job taken by one instance is reserved; after a crash, others wait this long. */
    OUTBOX_LEASE_MS: positiveInt(30_000),
    /** Relayed messages per case per minute before the rest of that minute is merged into one. */
    RELAY_MESSAGES_PER_MINUTE: positiveInt(10),
    /** New requests per person and kind in a rolling hour; more are answered with a notice, never one that may tell of danger. */
    REQUESTS_PER_PERSON_PER_HOUR: positiveInt(3),
    /** Days the audit trail keeps who read or changed a case (src/audit/auditTrail.ts); the sweep deletes older rows. */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_AUDIT_RETENTION_DAYS),
    /** Days a failed outbox job (no payload, only its key, kind and attempts) stays for an operator before the sweep deletes it. */
    FAILED_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TEAMS_APP_ID: optionalString,
    /** "Remind me to check in": the local hour of "tomorrow morning" and of "after my shift". */
    REMINDER_MORNING_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    REMINDER_AFTER_SHIFT_HOUR: z.coerce.number().int().min(0).max(23).default(17),
    /** Moves the bot's clock, for tests and demos of reminders and expiry across a restart; refused with an app id. Fractions for seconds. */
    CLOCK_OFFSET_MINUTES: z.coerce.number().finite().default(0),
    /** Application Insights; without it no telemetry leaves the process. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString.pipe(
      z.string().regex(/InstrumentationKey=/i, 'must be an Application Insights connection string').optional(),
    ),
  });

/**
 * `https://host/path` with an optional `*.` before the host and `:*` for any port; http only
 * for loopback hosts, so a pattern never lets a reply (and the bot's token) cross the network in clear.
 */
export function isServiceUrlPattern(pattern: string): boolean {
  const withoutWildcards = pattern.replace('://*.', '://wildcard.').replace(/:\*(?=\/|$)/, '');
  if (!URL.canParse(withoutWildcards)) return false;
  const url = new URL(withoutWildcards);
  if (url.search || url.hash || url.username || url.password) return false;
  if (pattern.includes('://*.') && url.hostname.split('.').length < 3) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** The people settings of local development, which no Entra group backs. */
const LOCAL_PEOPLE_SETTINGS = ['LOCAL_ADVISORS', 'LOCAL_ADVISER_POOLS', 'LOCAL_PROGRAMME_LEADS', 'LOCAL_AUDITORS'] as const;

/** Tokens signed on this machine only: the tests' identity provider, never Teams (production leaves the default). */
function botFrameworkOnThisMachine(openIdMetadataUrl: string | undefined): boolean {
  return openIdMetadataUrl !== undefined && URL.canParse(openIdMetadataUrl) && LOOPBACK_HOSTS.has(new URL(openIdMetadataUrl).hostname);
}

/** `id:Display Name` pairs separated by `;`. */
const LOCAL_MEMBERS = /^[^:;]+:[^;]+(;[^:;]+:[^;]+)*$/;
/** `pool=groupId` pairs separated by `,`. */
const POOL_GROUPS = /^\s*[a-z][a-z0-9-]{1,39}=[^,=\s]+\s*(,\s*[a-z][a-z0-9-]{1,39}=[^,=\s]+\s*)*$/;
/** `pool=id:Name;id:Name` entries separated by `|`. */
const LOCAL_POOLS = /^\s*[a-z][a-z0-9-]{1,39}=[^:;|]+:[^;|]+(;[^:;|]+:[^;|]+)*(\|\s*[a-z][a-z0-9-]{1,39}=[^:;|]+:[^;|]+(;[^:;|]+:[^;|]+)*)*$/;

/**
 * Settings that are only wrong in combination. Checked on the raw values, next to the
 * per-setting schema, so one start-up error lists every problem at once.
 */
function settingCombinationProblems(raw: NodeJS.ProcessEnv): string[] {
  const read = (name: string) => (raw[name]?.trim() ? raw[name]!.trim() : undefined);
  const appType = read('MicrosoftAppType') ?? 'MultiTenant';
  const appId = read('MicrosoftAppId');
  const problems: string[] = [];
  if ((read('STORAGE') ?? 'sqlite') === 'azure-tables' && !read('AZURE_TABLES_CONNECTION_STRING') && !read('AZURE_TABLES_ENDPOINT')) {
    problems.push('AZURE_TABLES_CONNECTION_STRING: STORAGE=azure-tables needs AZURE_TABLES_CONNECTION_STRING or AZURE_TABLES_ENDPOINT');
  }
  if (read('ADVISOR_GROUP_ID') && !read('GRAPH_CLIENT_ID') && !read('AZURE_CLIENT_ID')) {
    problems.push('GRAPH_CLIENT_ID: ADVISOR_GROUP_ID needs a Graph identity: AZURE_CLIENT_ID (managed identity) or GRAPH_CLIENT_ID');
  }
  if (read('GRAPH_CLIENT_ID') && !read('GRAPH_CLIENT_SECRET') && !read('GRAPH_CERTIFICATE_PATH')) {
    problems.push('GRAPH_CLIENT_SECRET: GRAPH_CLIENT_ID needs GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH');
  }
  if (read('GRAPH_CLIENT_ID') && !read('GRAPH_TENANT_ID')) problems.push('GRAPH_TENANT_ID: GRAPH_CLIENT_ID needs GRAPH_TENANT_ID');
  if (!read('ADVISOR_GROUP_ID') && !LOCAL_MEMBERS.test(read('LOCAL_ADVISORS') ?? DEFAULT_LOCAL_ADVISORS)) {
    problems.push('LOCAL_ADVISORS: must be id:Name pairs separated by ;');
  }
  const localAuditors = read('LOCAL_AUDITORS');
  if (!read('ADVISOR_GROUP_ID') && localAuditors && !LOCAL_MEMBERS.test(localAuditors)) {
    problems.push('LOCAL_AUDITORS: must be id:Name pairs separated by ;');
  }
  const localProgrammeLeads = read('LOCAL_PROGRAMME_LEADS');
  if (!read('ADVISOR_GROUP_ID') && localProgrammeLeads && !LOCAL_MEMBERS.test(localProgrammeLeads)) {
    problems.push('LOCAL_PROGRAMME_LEADS: must be id:Name pairs separated by ;');
  }
  for (const name of ['ADVISER_POOL_GROUPS', 'ADVISER_POOL_BACKUP_GROUPS']) {
    const value = read(name);
    if (value && !POOL_GROUPS.test(value)) problems.push(`${name}: must be pool=groupId pairs separated by ,`);
    if (value && !read('ADVISOR_GROUP_ID')) problems.push(`${name}: pools with Entra groups need ADVISOR_GROUP_ID (Graph) for the default pool too`);
  }
  const localPools = read('LOCAL_ADVISER_POOLS');
  if (!read('ADVISOR_GROUP_ID') && localPools && !LOCAL_POOLS.test(localPools)) {
    problems.push('LOCAL_ADVISER_POOLS: must be pool=id:Name;id:Name entries separated by |');
  }
  if (appType !== 'MultiTenant' && appId && !read('MicrosoftAppTenantId')) {
    problems.push(`MicrosoftAppTenantId: MicrosoftAppType=${appType} needs MicrosoftAppTenantId`);
  }
  if (appType !== 'UserAssignedMSI' && appId && !read('MicrosoftAppPassword')) {
    problems.push(`MicrosoftAppPassword: MicrosoftAppType=${appType} with MicrosoftAppId needs MicrosoftAppPassword`);
  }
  // The SDK asserts these too, but only while the adapter is built, one at a time.
  if (appType === 'UserAssignedMSI' && !appId) {
    problems.push("MicrosoftAppId: MicrosoftAppType=UserAssignedMSI needs MicrosoftAppId (the managed identity's client id)");
  }
  const host = read('HOST');
  if (!appId && host && !LOOPBACK_LISTEN_HOSTS.has(host)) {
    problems.push(
      'HOST: without MicrosoftAppId the bot accepts unauthenticated requests, so it listens on this machine only (127.0.0.1, ::1 or localhost); set MicrosoftAppId to listen on other addresses',
    );
  }
  if (appId && Number(read('CLOCK_OFFSET_MINUTES') ?? '0') !== 0) {
    problems.push('CLOCK_OFFSET_MINUTES: moving the clock is for tests and demos only (without MicrosoftAppId)');
  }
  if (appId && read('ALLOWED_CHANNELS')) {
    problems.push('ALLOWED_CHANNELS: other channels than msteams are for local development only (without MicrosoftAppId)');
  }
  // A bot Teams can reach must hand requests to real people: without the group (a blank Bicep parameter, a
  // setting lost in a slot swap) every request would go to the made-up default adviser, whose notifications are
  // log lines, and be confirmed to the person all the same. Named people (LOCAL_ADVISORS set) are a choice:
  // development in Teams from one's own machine (docs/DEPLOY.md). Beside the group they would be ignored.
  // A bot whose Bot Framework is on this machine (the tests' identity provider) hears from nobody in Teams.
  if (appId && !botFrameworkOnThisMachine(read('BOT_OPENID_METADATA_URL'))) {
    if (!read('ADVISOR_GROUP_ID') && !read('LOCAL_ADVISORS')) {
      problems.push(
        `ADVISOR_GROUP_ID: a bot with MicrosoftAppId needs the Entra group of its confidential advisers (the default pool), or for development in Teams LOCAL_ADVISORS naming real people; without either every request would go to the made-up ${DEFAULT_LOCAL_ADVISORS.split(':')[0]} and reach nobody`,
      );
    }
    for (const name of LOCAL_PEOPLE_SETTINGS) {
      if (read('ADVISOR_GROUP_ID') && read(name)) problems.push(`${name}: beside ADVISOR_GROUP_ID (Graph) the local people would be ignored; use the groups`);
    }
  }
  // Instances that share tables must share the secret; the generated one lives on one machine's disk.
  if (appId && (read('STORAGE') ?? 'sqlite') === 'azure-tables' && !read('PERSON_KEY_SECRET')) {
    problems.push('PERSON_KEY_SECRET: STORAGE=azure-tables with MicrosoftAppId needs PERSON_KEY_SECRET, the same for every instance (in Azure a Key Vault reference)');
  }
  if (read('PERSON_KEY_SECRET')?.startsWith('@Microsoft.KeyVault(')) {
    problems.push('PERSON_KEY_SECRET: the Key Vault reference did not resolve (does the secret exist, and may the identity read it?)');
  }
  // Node refuses a headers timeout longer than the request timeout, and the body's own timer runs after the headers.
  const milliseconds = (name: string, defaultValue: number) => Number(read(name) ?? defaultValue);
  const headersTimeout = milliseconds('HEADERS_TIMEOUT_MS', DEFAULT_CONNECTION_TIMEOUTS.headersTimeoutMs);
  const bodyTimeout = milliseconds('BODY_TIMEOUT_MS', DEFAULT_CONNECTION_TIMEOUTS.bodyTimeoutMs);
  const requestTimeout = milliseconds('REQUEST_TIMEOUT_MS', DEFAULT_CONNECTION_TIMEOUTS.requestTimeoutMs);
  if (headersTimeout + bodyTimeout > requestTimeout) {
    problems.push('REQUEST_TIMEOUT_MS: must be at least HEADERS_TIMEOUT_MS plus BODY_TIMEOUT_MS (the whole request: its headers, then its body)');
  }
  if (appType === 'UserAssignedMSI' && read('MicrosoftAppPassword')) {
    problems.push('MicrosoftAppPassword: MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword');
  }
  // A user-assigned managed identity gets Bot Framework tokens only in its own tenant: people of any
  // other allowed tenant would reach the bot and never get an answer. The Agents Toolkit takes the
  // allowed tenant from the Microsoft 365 sign-in and the identity's tenant from the Azure
  // subscription, so the two differ whenever those accounts belong to different tenants.
  const identityTenant = read('MicrosoftAppTenantId');
  const allowedTenants = commaSeparated(read('ALLOWED_TENANT_IDS'));
  const otherTenants = allowedTenants.filter((tenant) => tenant.toLowerCase() !== identityTenant?.toLowerCase());
  // The product is one organisation's: a multi-tenant app registration accepts tokens for every tenant,
  // so without a list the bot would answer anyone's people (single-tenant and managed-identity bots
  // default to their own tenant; the embedded default without an app id listens on loopback only).
  if (appId && appType === 'MultiTenant' && allowedTenants.length === 0) {
    problems.push(
      'ALLOWED_TENANT_IDS: a bot with MicrosoftAppType=MultiTenant (the default) and MicrosoftAppId would let every organisation in; ' +
        "set ALLOWED_TENANT_IDS to your organisation's tenant id (comma-separated for more)",
    );
  }
  if (appType === 'UserAssignedMSI' && identityTenant && otherTenants.length > 0) {
    problems.push(
      `ALLOWED_TENANT_IDS: a bot with MicrosoftAppType=UserAssignedMSI works only in its identity's tenant (MicrosoftAppTenantId ${identityTenant}), ` +
        `but ALLOWED_TENANT_IDS also names ${otherTenants.join(', ')}. The Microsoft 365 tenant and the Azure subscription's tenant differ: ` +
        'deploy into a subscription of the Microsoft 365 tenant (docs/DEPLOY.md, "One tenant")',
    );
  }
  return problems;
}

export interface AppConfig {
  readonly server: {
    readonly port: number;
    readonly host: string;
    readonly maxBodyBytes: number;
    /** How long a request's body may take to arrive once its headers have (a slow client holds a connection). */
    readonly bodyTimeoutMs: number;
    /** How long a connection may take to send a request's headers, and the whole request. */
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    /** How long an idle connection stays open after an answer, for the next request. */
    readonly keepAliveTimeoutMs: number;
  };
  readonly logLevel: string;
  readonly telemetry: {
    readonly applicationInsightsConnectionString?: string;
    /** The managed identity that authenticates telemetry; the deployed resource refuses the key alone. */
    readonly managedIdentityClientId?: string;
  };
  readonly contentDir: string;
  readonly defaultLocale: Locale;
  readonly maxMessageChars: number;
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
    readonly loginUrl: string;
    readonly allowedTenantIds: readonly string[];
    /** msteams, plus what ALLOWED_CHANNELS adds in local development. */
    readonly allowedChannels: readonly string[];
    /** Patterns a serviceUrl must match before the bot sends anything there. */
    readonly allowedServiceUrls: readonly string[];
    /** How long one call to the connector may go unanswered before it fails. */
    readonly connectorTimeoutMs: number;
  };
  /** Person keys are HMAC-SHA256 under this secret; without it the SQLite data directory holds a generated one. */
  readonly personKeys: { readonly secret?: string; readonly secretFile: string };
  readonly storage:
    | { readonly kind: 'sqlite'; readonly sqlitePath: string }
    | {
        readonly kind: 'azure-tables';
        readonly connectionString?: string;
        readonly endpoint?: string;
        readonly tablePrefix: string;
        readonly managedIdentityClientId?: string;
      };
  readonly handoff: {
    readonly advisorLocale: Locale;
    readonly escalateAfterMinutes: number;
    readonly escalateUrgentAfterMinutes: number;
    readonly expireAfterDays: number;
    readonly sweepIntervalSeconds: number;
    readonly outboxPollMs: number;
    readonly outboxLeaseMs: number;
    readonly relayMessagesPerMinute: number;
    readonly requestsPerPersonPerHour: number;
    readonly teamsAppId?: string;
  };
  /** "Remind me to check in": the local hours its choices stand for. */
  readonly reminders: { readonly morningHour: number; readonly afterShiftHour: number };
  /** Minutes added to the system clock; 0 except in tests and demos without an app id. */
  readonly clockOffsetMinutes: number;
  /** How long the bot's own records about its work are kept (retention of people's data is in content/organisation.json). */
  readonly retention: {
    readonly auditDays: number;
    readonly failedJobDays: number;
  };
  /** Microsoft Graph when ADVISOR_GROUP_ID is set; otherwise local advisors and log lines. */
  readonly advisors:
    | {
        readonly kind: 'graph';
        readonly groups: {
          readonly advisors: string;
          readonly backup?: string;
          readonly programme?: string;
          readonly programmeLeads?: string;
          /** Who may read the audit trail in Teams. */
          readonly auditors?: string;
          /** Other topic pools' groups, by pool id. */
          readonly pools: Readonly<Record<string, string>>;
          readonly poolBackups: Readonly<Record<string, string>>;
        };
        readonly graphBaseUrl: string;
        readonly tenantId?: string;
        readonly clientId?: string;
        readonly clientSecret?: string;
        readonly certificatePath?: string;
        readonly managedIdentityClientId?: string;
        readonly senderMailbox?: string;
      }
    | {
        readonly kind: 'local';
        readonly members: readonly LocalMember[];
        readonly programmeLeads: readonly LocalMember[];
        readonly auditors: readonly LocalMember[];
        /** Other topic pools' people, by pool id. */
        readonly pools: Readonly<Record<string, readonly LocalMember[]>>;
      };
}

export interface LocalMember {
  readonly id: string;
  readonly displayName: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start; fix these settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The pools content/adviser-pools.json defines: all the settings need to know of the content. */
export interface DefinedAdviserPools {
  readonly defaultPool: string;
  readonly pools: readonly { readonly id: string; readonly escalateAfterMinutes?: number; readonly escalateUrgentAfterMinutes?: number }[];
}

/**
 * What the content is loaded with, read before the settings are checked: the content comes first
 * so that one ConfigError can list the pool settings that name pools it lacks with every other problem.
 */
export function contentSettings(environment: NodeJS.ProcessEnv = process.env): { readonly contentDir: string; readonly production: boolean } {
  return {
    // Any text or none parses, so every problem of the settings is still listed by loadConfig.
    contentDir: contentDirSetting.parse(environment.CONTENT_DIR),
    // With a Bot Framework identity this is production, where a placeholder link or number must not reach anyone.
    production: optionalString.parse(environment.MicrosoftAppId) !== undefined,
  };
}

/**
 * Parses the environment into a frozen config, or throws one ConfigError listing every problem.
 * Given the pools the content defines, the settings that name adviser pools are checked against
 * them among the rest; without (scripts that do not read the content), those checks are left out.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, definedPools?: DefinedAdviserPools): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  // Values are never echoed: a setting may be a secret.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)),
    ...settingCombinationProblems(environment),
    ...adviserPoolSettingProblems(environment, definedPools),
    ...escalationOrderProblems(environment, definedPools),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  const config: AppConfig = {
    server: {
      port: env.PORT,
      host: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
      maxBodyBytes: env.MAX_BODY_BYTES,
      bodyTimeoutMs: env.BODY_TIMEOUT_MS,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL,
    telemetry: { applicationInsightsConnectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING, managedIdentityClientId: env.AZURE_CLIENT_ID },
    contentDir: env.CONTENT_DIR,
    defaultLocale: env.DEFAULT_LOCALE,
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
      tokenIssuer: env.BOT_TOKEN_ISSUER,
      loginUrl: env.BOT_LOGIN_URL,
      allowedTenantIds: Object.freeze(allowedTenantIds(env)),
      allowedChannels: Object.freeze([TEAMS_CHANNEL_ID, ...env.ALLOWED_CHANNELS.filter((channel) => channel !== TEAMS_CHANNEL_ID)]),
      allowedServiceUrls: Object.freeze(
        env.ALLOWED_SERVICE_URLS.length > 0
          ? [...env.ALLOWED_SERVICE_URLS]
          : [...(env.MicrosoftAppId ? MICROSOFT_SERVICE_URLS : LOOPBACK_SERVICE_URLS)],
      ),
      connectorTimeoutMs: env.CONNECTOR_TIMEOUT_MS,
    },
    personKeys: {
      secret: env.PERSON_KEY_SECRET,
      secretFile: path.join(path.dirname(path.resolve(env.SQLITE_PATH)), 'person-key.secret'),
    },
    storage:
      env.STORAGE === 'sqlite'
        ? { kind: 'sqlite', sqlitePath: path.resolve(env.SQLITE_PATH) }
        : {
            kind: 'azure-tables',
            connectionString: env.AZURE_TABLES_CONNECTION_STRING,
            endpoint: env.AZURE_TABLES_ENDPOINT,
            tablePrefix: env.AZURE_TABLES_PREFIX,
            managedIdentityClientId: env.AZURE_CLIENT_ID,
          },
    handoff: {
      advisorLocale: env.ADVISOR_LOCALE,
      escalateAfterMinutes: env.ESCALATE_AFTER_MINUTES,
      escalateUrgentAfterMinutes: env.ESCALATE_URGENT_AFTER_MINUTES,
      expireAfterDays: env.EXPIRE_AFTER_DAYS,
      sweepIntervalSeconds: env.SWEEP_INTERVAL_SECONDS,
      outboxPollMs: env.OUTBOX_POLL_MS,
      outboxLeaseMs: env.OUTBOX_LEASE_MS,
      relayMessagesPerMinute: env.RELAY_MESSAGES_PER_MINUTE,
      requestsPerPersonPerHour: env.REQUESTS_PER_PERSON_PER_HOUR,
      teamsAppId: env.TEAMS_APP_ID,
    },
    reminders: { morningHour: env.REMINDER_MORNING_HOUR, afterShiftHour: env.REMINDER_AFTER_SHIFT_HOUR },
    clockOffsetMinutes: env.CLOCK_OFFSET_MINUTES,
    retention: { auditDays: env.AUDIT_RETENTION_DAYS, failedJobDays: env.FAILED_JOB_RETENTION_DAYS },
    advisors: env.ADVISOR_GROUP_ID
      ? {
          kind: 'graph',
          groups: {
            advisors: env.ADVISOR_GROUP_ID,
            backup: env.BACKUP_GROUP_ID,
            programme: env.PROGRAMME_GROUP_ID,
            programmeLeads: env.PROGRAMME_LEAD_GROUP_ID ?? env.PROGRAMME_GROUP_ID,
            auditors: env.AUDITOR_GROUP_ID,
            pools: parsePoolGroups(env.ADVISER_POOL_GROUPS),
            poolBackups: parsePoolGroups(env.ADVISER_POOL_BACKUP_GROUPS),
          },
          graphBaseUrl: env.GRAPH_BASE_URL,
          tenantId: env.GRAPH_TENANT_ID,
          clientId: env.GRAPH_CLIENT_ID,
          clientSecret: env.GRAPH_CLIENT_SECRET,
          certificatePath: env.GRAPH_CERTIFICATE_PATH,
          managedIdentityClientId: env.AZURE_CLIENT_ID,
          senderMailbox: env.GRAPH_SENDER_MAILBOX,
        }
      : {
          kind: 'local',
          members: parseLocalMembers(env.LOCAL_ADVISORS),
          programmeLeads: parseLocalMembers(env.LOCAL_PROGRAMME_LEADS),
          auditors: parseLocalMembers(env.LOCAL_AUDITORS),
          pools: parseLocalPools(env.LOCAL_ADVISER_POOLS),
        },
  };
  return deepFreeze(config);
}

/**
 * The settings that give adviser pools their people: each names a pool the content defines, other
 * than the default pool (whose people are ADVISOR_GROUP_ID / BACKUP_GROUP_ID / LOCAL_ADVISORS), and a
 * pool's backup group needs the pool's own group. A malformed value is reported on its own above.
 */
function adviserPoolSettingProblems(raw: NodeJS.ProcessEnv, content: DefinedAdviserPools | undefined): string[] {
  const read = (name: string) => raw[name]?.trim() ?? '';
  const poolsOf = (name: string, format: RegExp, parse: (value: string) => Record<string, unknown>) =>
    format.test(read(name)) ? Object.keys(parse(read(name))) : [];
  const graph = read('ADVISOR_GROUP_ID') !== '';
  const named: [setting: string, pools: string[]][] = graph
    ? [
        ['ADVISER_POOL_GROUPS', poolsOf('ADVISER_POOL_GROUPS', POOL_GROUPS, parsePoolGroups)],
        ['ADVISER_POOL_BACKUP_GROUPS', poolsOf('ADVISER_POOL_BACKUP_GROUPS', POOL_GROUPS, parsePoolGroups)],
      ]
    : [['LOCAL_ADVISER_POOLS', poolsOf('LOCAL_ADVISER_POOLS', LOCAL_POOLS, parseLocalPools)]];
  const known = new Set(content?.pools.map((pool) => pool.id));
  const problems = named.flatMap(([setting, poolIds]) =>
    poolIds.flatMap((poolId, index) => {
      if (!content) return [];
      if (!known.has(poolId)) return [`${setting}: entry ${index + 1} names a pool that content/adviser-pools.json does not define`];
      if (poolId === content.defaultPool) {
        return [`${setting}: entry ${index + 1} names the default pool, whose people are ADVISOR_GROUP_ID / BACKUP_GROUP_ID / LOCAL_ADVISORS`];
      }
      return [];
    }),
  );
  if (graph) {
    const withGroups = new Set(named[0]![1]);
    named[1]![1].forEach((poolId, index) => {
      if (!withGroups.has(poolId)) problems.push(`ADVISER_POOL_BACKUP_GROUPS: entry ${index + 1} names a pool without a group in ADVISER_POOL_GROUPS`);
    });
  }
  return problems;
}

/**
 * Urgent means sooner: an urgent limit above the normal one (the two settings swapped, their names differ by one
 * word) would escalate urgent requests later, and their confirmation would say so. Equal is allowed. A pool's own
 * limits in the content are compared after the settings fill in what it leaves out; a pool whose two limits are
 * both its own is the content's problem (adviserPoolsSchema). An invalid number is reported by the schema.
 */
function escalationOrderProblems(raw: NodeJS.ProcessEnv, content: DefinedAdviserPools | undefined): string[] {
  const minutes = (name: string, defaultValue: number) => {
    const value = raw[name]?.trim() ? Number(raw[name]) : defaultValue;
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const normal = minutes('ESCALATE_AFTER_MINUTES', DEFAULT_ESCALATION.afterMinutes);
  const urgent = minutes('ESCALATE_URGENT_AFTER_MINUTES', DEFAULT_ESCALATION.urgentAfterMinutes);
  if (normal === undefined || urgent === undefined) return [];
  const problems =
    urgent > normal ? ['ESCALATE_URGENT_AFTER_MINUTES: must not be above ESCALATE_AFTER_MINUTES (an urgent request is escalated sooner, not later)'] : [];
  for (const pool of content?.pools ?? []) {
    const ownNormal = pool.escalateAfterMinutes;
    const ownUrgent = pool.escalateUrgentAfterMinutes;
    if ((ownNormal === undefined) === (ownUrgent === undefined)) continue;
    if ((ownUrgent ?? urgent) <= (ownNormal ?? normal)) continue;
    problems.push(
      ownUrgent === undefined
        ? `ESCALATE_URGENT_AFTER_MINUTES: must not be above the escalateAfterMinutes of pool "${pool.id}" (content/adviser-pools.json), or urgent requests of that pool are escalated later than the others`
        : `ESCALATE_AFTER_MINUTES: must not be below the escalateUrgentAfterMinutes of pool "${pool.id}" (content/adviser-pools.json), or urgent requests of that pool are escalated later than the others`,
    );
  }
  return problems;
}

function parseLocalMembers(pairs: string): LocalMember[] {
  return pairs
    .split(';')
    .filter((pair) => pair.trim() !== '')
    .map((pair) => {
      const [id = '', ...name] = pair.split(':');
      return { id: id.trim(), displayName: name.join(':').trim() };
    });
}

function parsePoolGroups(pairs: string): Record<string, string> {
  return Object.fromEntries(
    pairs
      .split(',')
      .filter((pair) => pair.trim() !== '')
      .map((pair) => {
        const [pool = '', groupId = ''] = pair.split('=');
        return [pool.trim(), groupId.trim()];
      }),
  );
}

function parseLocalPools(entries: string): Record<string, LocalMember[]> {
  return Object.fromEntries(
    entries
      .split('|')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => {
        const separator = entry.indexOf('=');
        return [entry.slice(0, separator).trim(), parseLocalMembers(entry.slice(separator + 1))];
      }),
  );
}

/**
 * Only our tenant, also when nobody set ALLOWED_TENANT_IDS: a single-tenant or managed-identity
 * bot belongs to one tenant (MicrosoftAppTenantId), so that is the default. Without such an
 * identity (local development without an app id) every tenant is let in; a multi-tenant registration
 * must name its tenants (settingCombinationProblems refuses to start without them).
 */
function allowedTenantIds(env: { ALLOWED_TENANT_IDS: readonly string[]; MicrosoftAppType: string; MicrosoftAppTenantId?: string }): string[] {
  // Tenant ids are GUIDs, typed in any case; the allow-list compares them in lower case.
  if (env.ALLOWED_TENANT_IDS.length > 0) return env.ALLOWED_TENANT_IDS.map((tenant) => tenant.toLowerCase());
  const singleTenant = env.MicrosoftAppType === 'SingleTenant' || env.MicrosoftAppType === 'UserAssignedMSI';
  return singleTenant && env.MicrosoftAppTenantId ? [env.MicrosoftAppTenantId.toLowerCase()] : [];
}
