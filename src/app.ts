import fs from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { ActivityDeduplication } from './bot/activityDeduplication';
import { ChannelFilter } from './bot/channelFilter';
import { buildApologyActivity, BystanderBot } from './bot/bystanderBot';
import { ServiceUrlAllowList } from './bot/serviceUrlAllowList';
import { StrictBotFrameworkAuthentication } from './bot/strictBotAuthentication';
import { TenantAllowList } from './bot/tenantAllowList';
import type { BotServices } from './bot/botTurn';
import { ConversationDirectory } from './bot/conversationDirectory';
import { createHandoffExecutors } from './bot/handoffDelivery';
import { isProactiveTurn } from './bot/proactiveDelivery';
import { CardRenderer } from './cards/cardRenderer';
import type { AppConfig } from './config/config';
import { loadContent } from './content/loadContent';
import { LOCAL_PROGRAMME_LEADS_GROUP, LoggingAdvisorGateway } from './graph/loggingAdvisorGateway';
import { createClassifier } from './guidance/classifier';
import type { AdvisorDirectory, AdvisorNotifier } from './handoff/advisorPorts';
import { AdvisorRoster, type AdvisorPoolGroups } from './handoff/advisorRoster';
import { CaseRepository } from './handoff/caseRepository';
import { systemClock, type Clock } from './handoff/clock';
import { CaseSteps } from './handoff/caseSteps';
import { ClaimRelease } from './handoff/claimRelease';
import type { JobQueue } from './handoff/handoffJobs';
import { HandoffService } from './handoff/handoffService';
import { HandoffSweep } from './handoff/handoffSweep';
import { RelayRateLimit } from './handoff/relayRateLimit';
import { BufferedInsightsRecorder } from './insights/insightsRecorder';
import { ProgrammeInsights } from './insights/programmeInsights';
import type { Logger } from './logging/logger';
import { Outbox } from './outbox/outbox';
import { loadPersonKeys } from './preferences/personKeys';
import { PreferencesRepository } from './preferences/preferences';
import { createEntityStore } from './storage/createEntityStore';
import type { EntityStore } from './storage/entityStore';

/**
 * Where the card templates live; they ship with the code, not with the editable content.
 * From src/ under ts-node, or from dist/src/ once compiled.
 */
export const CARDS_DIR = [path.resolve(__dirname, '..', 'cards'), path.resolve(__dirname, '..', '..', 'cards')].find((dir) =>
  fs.existsSync(path.join(dir, 'welcome.json')),
) ?? path.resolve(__dirname, '..', 'cards');

export interface App {
  readonly adapter: CloudAdapter;
  readonly bot: BystanderBot;
  readonly services: BotServices;
  readonly store: EntityStore;
  readonly outbox: Outbox;
  readonly handoff: HandoffService;
  /** Writes the insight counts gathered in memory now, instead of at the next interval. */
  flushInsights(): Promise<void>;
  /** Escalation, expiry and retention in one pass; runs on a timer, and directly in tests. */
  runSweep(): Promise<void>;
  /** Stops background work, delivers what is due, and closes storage. */
  close(): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Starts the outbox worker and the sweep timer; tests with a test clock drive them by hand. */
  readonly runBackgroundWork?: boolean;
  /** Tests replace the Entra token credential, the one part of Graph that cannot run on loopback. */
  readonly graphCredential?: TokenCredential;
}

type AdvisorGateway = AdvisorDirectory & AdvisorNotifier;

/** The composition root: loads content, trains the classifier, opens storage and wires the bot. */
export async function createApp(config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  // With a Bot Framework identity this is production, where a placeholder link or number must not reach anyone.
  const content = loadContent(config.contentDir, { refusePlaceholders: config.bot.appId !== undefined });
  const cards = CardRenderer.load(CARDS_DIR);
  const classifier = await createClassifier(content.nlu, content.urgentPatterns);
  const store = await createEntityStore(config.storage);
  const insights = new BufferedInsightsRecorder(store, {
    // Weeks and numbers only, never an event's content.
    onError: (error) => logger.warn({ event: 'insightsWriteFailed', err: error }, 'insight counts not stored yet'),
  });

  const { gateway, groups } = await createAdvisorGateway(config, logger, options.graphCredential);
  const roster = new AdvisorRoster(gateway, groups, clock);
  const cases = new CaseRepository(store);
  const conversations = new ConversationDirectory(store);
  const personKeys = loadPersonKeys(config.personKeys);
  const adapter = new CloudAdapter(
    new StrictBotFrameworkAuthentication(botAuthenticationOptions(config), {
      tokenIssuer: config.bot.tokenIssuer,
      serviceUrls: new ServiceUrlAllowList(config.bot.allowedServiceUrls),
      logger,
    }),
  );

  // The outbox and the handoff service need each other: jobs are enqueued by the service and
  // executed with it. The queue is handed over once both exist.
  let outbox: Outbox | undefined;
  const jobQueue: JobQueue = {
    enqueue: (key, kind, payload) => outbox!.enqueue(key, kind, payload),
    enqueueMerged: (key, kind, payload, combine, notBefore) => outbox!.enqueueMerged(key, kind, payload, combine, notBefore),
  };
  const caseSteps = new CaseSteps(cases, jobQueue, clock, insights);
  const claimRelease = new ClaimRelease(caseSteps, roster);
  const relayLimit = new RelayRateLimit(clock, config.handoff.relayMessagesPerMinute);
  const handoff = new HandoffService(cases, caseSteps, roster, clock, claimRelease, relayLimit);
  const handoffSweep = new HandoffSweep(cases, caseSteps, claimRelease, clock, {
    escalateAfterMinutes: config.handoff.escalateAfterMinutes,
    escalateUrgentAfterMinutes: config.handoff.escalateUrgentAfterMinutes,
    expireAfterDays: config.handoff.expireAfterDays,
    retentionDays: content.organisation.retention.caseContentDays,
  });
  const executors = createHandoffExecutors({
    adapter,
    botAppId: config.bot.appId ?? '',
    cases,
    handoff,
    roster,
    notifier: gateway,
    conversations,
    personKeys,
    cards,
    content,
    store,
    clock,
    logger,
    jobs: jobQueue,
    advisorLocale: config.handoff.advisorLocale,
    escalateAfterMinutes: config.handoff.escalateAfterMinutes,
    escalateUrgentAfterMinutes: config.handoff.escalateUrgentAfterMinutes,
    botChatUrl: botChatUrl(config),
  });
  outbox = new Outbox(store, clock, executors, {
    pollIntervalMs: config.handoff.outboxPollMs,
    leaseMs: config.handoff.outboxLeaseMs,
    onEvent: (event) => logger.info({ event: `outbox.${event.type}`, ...event, type: undefined }, 'outbox'),
  });

  const deduplication = new ActivityDeduplication(store, clock, logger);
  const services: BotServices = {
    content,
    classifier,
    cards,
    preferences: new PreferencesRepository(store),
    personKeys,
    logger,
    defaultLocale: config.defaultLocale,
    maxMessageChars: config.maxMessageChars,
    handoff,
    conversations,
    clock,
    insights,
    programmeInsights: new ProgrammeInsights(store, roster, clock),
    deduplication,
  };
  adapter.onTurnError = async (context, error) => {
    // A message the bot posts on its own belongs to an outbox job, which retries it; an apology
    // posted into that chat would be a message nobody asked for.
    if (isProactiveTurn(context.activity)) throw error;
    logger.error({ event: 'turnError', err: error, activityType: context.activity.type }, 'turn failed');
    try {
      await context.sendActivity(buildApologyActivity(services, context.activity));
    } catch (sendError) {
      logger.error({ event: 'apologyFailed', err: sendError }, 'could not send the apology');
    }
  };
  const bot = new BystanderBot(services);
  // Order matters: another channel or a refused tenant leaves no trace, not even a deduplication marker.
  adapter.use(new ChannelFilter(config.bot.allowedChannels, logger));
  adapter.use(new TenantAllowList(config.bot.allowedTenantIds, content, cards, config.defaultLocale, logger));
  adapter.use(deduplication);

  const startedOutbox = outbox;
  const runSweep = async () => {
    const { escalated, expired, purged } = await handoffSweep.run();
    await deduplication.purgeOldMarkers();
    await startedOutbox.purgeDeliveredMarkers();
    // What retention, "forget me" or a finished job removed leaves no older copy in the files.
    await store.compact?.();
    if (escalated + expired + purged > 0) logger.info({ event: 'sweep', escalated, expired, purged }, 'sweep');
  };
  let sweepTimer: NodeJS.Timeout | undefined;
  if (options.runBackgroundWork ?? true) {
    outbox.start();
    sweepTimer = setInterval(() => {
      runSweep().catch((error: unknown) => logger.error({ event: 'sweepFailed', err: error }, 'sweep failed'));
    }, config.handoff.sweepIntervalSeconds * 1000);
    sweepTimer.unref();
  }

  return {
    adapter,
    bot,
    services,
    store,
    outbox: startedOutbox,
    handoff,
    runSweep,
    flushInsights: () => insights.flush(),
    async close() {
      if (sweepTimer) clearInterval(sweepTimer);
      await startedOutbox.stop({ flush: options.runBackgroundWork ?? true });
      await insights.close();
      await store.close();
    },
  };
}

async function createAdvisorGateway(
  config: AppConfig,
  logger: Logger,
  graphCredential: TokenCredential | undefined,
): Promise<{ gateway: AdvisorGateway; groups: AdvisorPoolGroups }> {
  const { advisors } = config;
  if (advisors.kind === 'local') {
    logger.info({ event: 'localAdvisors', count: advisors.members.length }, 'advisor notifications are written to the log');
    return {
      gateway: new LoggingAdvisorGateway({ members: advisors.members, programmeLeads: advisors.programmeLeads, logger }),
      groups: { advisors: 'local', backup: 'local', programme: 'local', programmeLeads: LOCAL_PROGRAMME_LEADS_GROUP },
    };
  }
  // Loaded only with Graph configured: local development does without the Azure SDKs.
  const [{ createGraphCredential }, { GraphAdvisorGateway }] = await Promise.all([
    import('./graph/graphCredential'),
    import('./graph/graphGateway'),
  ]);
  const credential =
    graphCredential ??
    createGraphCredential({
      tenantId: advisors.tenantId,
      clientId: advisors.clientId,
      clientSecret: advisors.clientSecret,
      certificatePath: advisors.certificatePath,
      managedIdentityClientId: advisors.managedIdentityClientId,
    });
  return {
    gateway: new GraphAdvisorGateway({ credential, logger, baseUrl: advisors.graphBaseUrl, senderMailbox: advisors.senderMailbox }),
    groups: {
      advisors: advisors.groups.advisors,
      backup: advisors.groups.backup,
      programme: advisors.groups.programme,
      programmeLeads: advisors.groups.programmeLeads,
    },
  };
}

/** A deep link to the bot's personal chat, for activity-feed notifications. */
function botChatUrl(config: AppConfig): string {
  const appId = config.handoff.teamsAppId ?? config.bot.appId ?? '00000000-0000-0000-0000-000000000000';
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/conversations`;
}

/**
 * Every endpoint is passed, not only the BOT_* overrides: as soon as one is set, botframework-connector
 * treats the whole set as given (ParameterizedBotFrameworkAuthentication) and leaves the rest undefined,
 * which would, for example, send the bot's token request to the "common" authority instead of its tenant.
 * With the defaults from config this is exactly the SDK's public-Azure setup.
 */
function botAuthenticationOptions(config: AppConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const { bot } = config;
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
    ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: bot.tokenIssuer,
    ToChannelFromBotLoginUrl: bot.loginUrl,
    // Public Azure's values, as the SDK's own default setup has them (AuthenticationConstants).
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    // Emulator and skill tokens are refused before validation (StrictBotFrameworkAuthentication);
    // should one reach the SDK anyway, it finds the channel's keys, never another document.
    ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
  };
}
