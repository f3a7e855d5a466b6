import fs from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuditAccess } from './audit/auditAccess';
import { AuditTrail } from './audit/auditTrail';
import { ActivityDeduplication, TURN_LEASE_MS, TurnStillRunning } from './bot/activityDeduplication';
import { ChannelFilter } from './bot/channelFilter';
import { buildApologyActivity, BystanderBot } from './bot/bystanderBot';
import { ServiceUrlAllowList } from './bot/serviceUrlAllowList';
import { StrictBotFrameworkAuthentication } from './bot/strictBotAuthentication';
import { TenantAllowList } from './bot/tenantAllowList';
import type { BotServices } from './bot/botTurn';
import { ConversationDirectory } from './bot/conversationDirectory';
import { createHandoffExecutors } from './bot/handoffDelivery';
import { createReminderExecutors } from './bot/reminderDelivery';
import { isProactiveTurn } from './bot/proactiveDelivery';
import { CardRenderer } from './cards/cardRenderer';
import type { AppConfig } from './config/config';
import type { Content } from './content/loadContent';
import { withDeployedPools, type AppContent } from './content/appContent';
import { LOCAL_PROGRAMME_LEADS_GROUP, LoggingAdvisorGateway } from './graph/loggingAdvisorGateway';
import { createClassifier } from './guidance/classifier';
import type { AdvisorDirectory, AdvisorNotifier } from './handoff/advisorPorts';
import { allAdviserGroups, rosterGroupsOf, type DeployedPools } from './handoff/adviserPools';
import { AdvisorRoster, type AdvisorPool, type AdvisorPoolGroups } from './handoff/advisorRoster';
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
import { askChannelToDeliverAgain } from './http/redeliveryRequest';
import { activityTypeLabel } from './logging/activityTypeLabel';
import type { Logger } from './logging/logger';
import { Outbox } from './outbox/outbox';
import { PersonInactivityExpiry } from './preferences/personInactivity';
import { AdviserKeyUpgrade } from './preferences/adviserKeyUpgrade';
import { PersonRecords } from './preferences/personRecords';
import { OpenDangerQuestions } from './bot/openDangerQuestions';
import { loadPersonKeys } from './preferences/personKeys';
import { PreferencesRepository } from './preferences/preferences';
import { AuditLogStore } from './storage/auditLogStore';
import { createEntityStore } from './storage/createEntityStore';
import type { EntityStore } from './storage/entityStore';
import { deepFreeze } from './shared/deepFreeze';
import type { Scheduler } from './shared/scheduler';
import { EntityReminderStore } from './reminders/reminderStore';
import { ReminderSweep } from './reminders/reminderSweep';

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
  /** Who read or changed which case; tests read it, administrators use `npm run audit`. */
  readonly audit: AuditTrail;
  readonly outbox: Outbox;
  readonly handoff: HandoffService;
  /** Who is in the advisers' groups, read through a short cache; tests wait for its background reads. */
  readonly roster: AdvisorRoster;
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
  /** Runs the renewals of a running turn's lease; tests with a test clock run them on its time. */
  readonly scheduler?: Scheduler;
}

type AdvisorGateway = AdvisorDirectory & AdvisorNotifier;

/**
 * The composition root: trains the classifier, opens storage and wires the bot, from the settings
 * and the content `loadConfigAndContent` read and checked against each other.
 */
export async function createApp(config: AppConfig, loadedContent: Content, logger: Logger, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? shiftedClock(config.clockOffsetMinutes);
  const { content, pools } = contentWithDeployedPools(loadedContent, config, logger);
  const cards = CardRenderer.load(CARDS_DIR);
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  if (classifier.trainedInsteadOfLoaded) {
    logger.warn({ event: 'classifierTrainedAtStart' }, 'content/nlu/trained.json is missing or was trained from other files; trained at start-up instead (npm run nlu:build)');
  }
  const store = await createEntityStore(config.storage);
  const personKeys = loadPersonKeys(config.personKeys);
  const insights = new BufferedInsightsRecorder(store, {
    tagKeySealing: personKeys.derivedKey('insights-week-tag-keys'),
    timeZone: content.organisation.officeHours.timeZone,
    // Weeks and numbers only, never an event's content.
    onError: (error) => logger.warn({ event: 'insightsWriteFailed', err: error }, 'insight counts not stored yet'),
  });

  const { gateway, groups } = await createAdvisorGateway(config, pools, logger, options.graphCredential);
  const roster = new AdvisorRoster(gateway, groups, clock, {
    onGroupRefused: (group, statusCode) =>
      logger.warn({ event: 'adviserGroupRefused', group, statusCode }, 'the directory refuses this group for good; nobody is found in it until it answers again'),
  });
  const cases = new CaseRepository(store);
  const conversations = new ConversationDirectory(store, clock);
  const adapter = new CloudAdapter(
    new StrictBotFrameworkAuthentication(botAuthenticationOptions(config), {
      tokenIssuer: config.bot.tokenIssuer,
      serviceUrls: new ServiceUrlAllowList(config.bot.allowedServiceUrls),
      connectorTimeoutMs: config.bot.connectorTimeoutMs,
      logger,
    }),
  );

  // The outbox and the handoff service need each other: jobs are enqueued by the service and
  // executed with it. The queue is handed over once both exist.
  let outbox: Outbox | undefined;
  const jobQueue: JobQueue = {
    enqueue: (key, kind, payload) => outbox!.enqueue(key, kind, payload),
    holds: (key) => outbox!.holds(key),
    enqueueMerged: (key, kind, payload, combine, notBefore, after) => outbox!.enqueueMerged(key, kind, payload, combine, notBefore, after),
  };
  const caseSteps = new CaseSteps(cases, jobQueue, clock, insights, (error) =>
    logger.warn({ event: 'caseJobsLeftForSweep', reason: error instanceof Error ? error.name : 'unknown' }, 'case step saved, its jobs queued later'),
  );
  const audit = new AuditTrail(new AuditLogStore(store), clock, personKeys, config.retention.auditDays);
  const claimRelease = new ClaimRelease(caseSteps, roster, pools, audit, (group) =>
    logger.warn({ event: 'poolWithoutPeople', group }, 'an adviser left a pool that reads empty; their claimed cases stay with them'),
  );
  const relayLimit = new RelayRateLimit(clock, config.handoff.relayMessagesPerMinute);
  const handoff = new HandoffService(cases, caseSteps, roster, clock, claimRelease, relayLimit, pools, audit, config.handoff.requestsPerPersonPerHour);
  const handoffSweep = new HandoffSweep(cases, caseSteps, claimRelease, clock, {
    escalateAfterMinutes: config.handoff.escalateAfterMinutes,
    escalateUrgentAfterMinutes: config.handoff.escalateUrgentAfterMinutes,
    expireAfterDays: config.handoff.expireAfterDays,
    retentionDays: content.organisation.retention.caseContentDays,
    inactiveCaseReminderDays: content.organisation.retention.inactiveCaseReminderDays,
    inactiveCaseCloseDays: content.organisation.retention.inactiveCaseCloseDays,
    pools,
  }, audit);
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
    botChatUrl: botChatUrl(config),
    audit,
  });
  const reminders = new EntityReminderStore(store);
  const reminderSweep = new ReminderSweep(
    reminders,
    jobQueue,
    clock,
    personKeys.derivedKey('reminder-jobs'),
  );
  const preferences = new PreferencesRepository(store);
  const reminderExecutors = createReminderExecutors({ adapter, botAppId: config.bot.appId ?? '', conversations, cards, content, preferences, reminders });
  outbox = new Outbox(store, clock, { ...executors, ...reminderExecutors }, {
    pollIntervalMs: config.handoff.outboxPollMs,
    leaseMs: config.handoff.outboxLeaseMs,
    onEvent: (event) => logger.info({ event: `outbox.${event.type}`, ...event, type: undefined }, 'outbox'),
  });

  const dangerQuestions = new OpenDangerQuestions(store, clock, personKeys.derivedKey('danger-question-chats'));
  const personRecords = new PersonRecords(store, {
    // With the settings kept as an adviser, under the key drawn from the person key.
    preferences: async (personKey) => {
      await preferences.delete(personKey);
      await preferences.deleteAdviserSettings(personKeys.adviserKeyOf(personKey));
    },
    conversationReference: (personKey) => conversations.forget(personKey),
    checkInReminder: (personKey) => reminders.remove(personKey),
    openDangerQuestion: (personKey) => dangerQuestions.forget(personKey),
  });
  const deduplication = new ActivityDeduplication(store, clock, logger, personKeys.derivedKey('activity-markers'), options.scheduler);
  const services: BotServices = {
    content,
    classifier,
    cards,
    preferences,
    personRecords,
    personKeys,
    logger,
    defaultLocale: config.defaultLocale,
    advisorLocale: config.handoff.advisorLocale,
    maxMessageChars: config.maxMessageChars,
    handoff,
    conversations,
    clock,
    insights,
    programmeInsights: new ProgrammeInsights(store, roster, clock, content.organisation.officeHours.timeZone),
    auditAccess: new AuditAccess(audit, roster, cases),
    auditRetentionDays: config.retention.auditDays,
    deduplication,
    reminders,
    reminderHours: config.reminders,
    dangerQuestions,
  };
  adapter.onTurnError = async (context, error) => {
    // A message the bot posts on its own belongs to an outbox job, which retries it; an apology
    // posted into that chat would be a message nobody asked for.
    if (isProactiveTurn(context.activity)) throw error;
    // A re-send whose first delivery is still being answered: no apology, a status Teams delivers it again on.
    if (error instanceof TurnStillRunning) {
      if (askChannelToDeliverAgain(Math.ceil(TURN_LEASE_MS / 1000))) return;
      throw error;
    }
    logger.error({ event: 'turnError', err: error, activityType: activityTypeLabel(context.activity.type) }, 'turn failed');
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
  const notifiedGroups: AdvisorPool[] = [...allAdviserGroups(pools), 'programme', 'programmeLeads'];
  const personInactivity = new PersonInactivityExpiry(store, clock, content.organisation.retention.inactivePersonDays, personRecords, {
    cases,
    roster,
    notifiedGroups,
    personKeyOf: (userId) => personKeys.keyFor(userId),
  });
  const adviserKeyUpgrade = new AdviserKeyUpgrade(store, personKeys, preferences, {
    cases,
    notifiedMembers: async () => (await Promise.all(notifiedGroups.map((group) => roster.members(group)))).flat().map((member) => member.id),
  }, clock);
  const runSweep = async () => {
    const { escalated, expired, purged, released, remindersSent: followUpReminders, inactivityReminders, closedForInactivity } = await handoffSweep.run();
    const reminded = await reminderSweep.run();
    await deduplication.purgeOldMarkers();
    await startedOutbox.purgeDeliveredMarkers();
    const failedJobsDeleted = await startedOutbox.purgeFailedJobs(config.retention.failedJobDays);
    const auditRowsDeleted = await audit.deleteExpired();
    const dangerQuestionsExpired = await dangerQuestions.deleteExpired();
    const { forgotten } = await personInactivity.run();
    const upgraded = await adviserKeyUpgrade.runWhenDue();
    // Here, not only when counts are written: a bot that counts nothing must still delete old week keys.
    await insights.discardKeysDueBy(clock.now());
    const counts = {
      escalated,
      expired,
      purged,
      released,
      followUpReminders,
      reminded,
      inactivityReminders,
      closedForInactivity,
      failedJobsDeleted,
      auditRowsDeleted,
      dangerQuestionsExpired,
      forgotten,
      adviserRowsRekeyed: upgraded.cardRecords + upgraded.auditRows + upgraded.settings,
    };
    // Counts only: which cases or people were touched is no log's business.
    if (Object.values(counts).some((count) => count > 0)) logger.info({ event: 'sweep', ...counts }, 'sweep');
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
    audit,
    outbox: startedOutbox,
    handoff,
    roster,
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

/**
 * The adviser pools this deployment has people for (loadConfigAndContent checked that the settings name only
 * pools of the content); a pool in the content without people hands its topics to the default
 * pool, so the cards name whoever will really see a request.
 */
function contentWithDeployedPools(loaded: Content, config: AppConfig, logger: Logger): { content: AppContent; pools: DeployedPools } {
  const { advisors } = config;
  const content = withDeployedPools(loaded, {
    poolsWithPeople: new Set(advisors.kind === 'graph' ? Object.keys(advisors.groups.pools) : Object.keys(advisors.pools)),
    // Locally every pool's backup is its own people, as the default pool's has always been.
    poolsWithBackup: new Set(
      advisors.kind === 'graph'
        ? [...(advisors.groups.backup ? [loaded.adviserPools.defaultPool] : []), ...Object.keys(advisors.groups.poolBackups)]
        : loaded.adviserPools.pools.map((pool) => pool.id),
    ),
    organisationHours: loaded.organisation.officeHours,
    escalateAfterMinutes: config.handoff.escalateAfterMinutes,
    escalateUrgentAfterMinutes: config.handoff.escalateUrgentAfterMinutes,
  });
  // Locally a pool without people folding into the default is the embedded default, so start quiet;
  // with Graph it usually means a group id was forgotten in the deployment.
  const logPoolWithoutPeople = advisors.kind === 'graph' ? logger.warn.bind(logger) : logger.info.bind(logger);
  for (const pool of content.adviserPools.withoutPeople) {
    logPoolWithoutPeople({ event: 'adviserPoolWithoutPeople', pool }, 'this pool has no group or members; the default pool takes its topics');
  }
  return { content: deepFreeze(content), pools: content.adviserPools };
}

async function createAdvisorGateway(
  config: AppConfig,
  pools: DeployedPools,
  logger: Logger,
  graphCredential: TokenCredential | undefined,
): Promise<{ gateway: AdvisorGateway; groups: AdvisorPoolGroups }> {
  const { advisors } = config;
  const otherPools = pools.pools.filter((pool) => pool.id !== pools.defaultPool);
  if (advisors.kind === 'local') {
    logger.info({ event: 'localAdvisors', count: advisors.members.length }, 'advisor notifications are written to the log');
    // Locally a pool's backup is its own people, as the default pool's backup is the local advisers.
    const localGroupOf = (poolId: string) => `local-pool:${poolId}`;
    const poolGroups: AdvisorPoolGroups = Object.fromEntries(
      otherPools.flatMap((pool) => Object.values(rosterGroupsOf(pools, pool.id)).map((group) => [group, localGroupOf(pool.id)])),
    );
    return {
      gateway: new LoggingAdvisorGateway({
        members: advisors.members,
        programmeLeads: advisors.programmeLeads,
        groups: {
          ...Object.fromEntries(otherPools.map((pool) => [localGroupOf(pool.id), advisors.pools[pool.id] ?? []])),
          // Listed even when empty: an unknown local group would stand for the default advisers.
          [LOCAL_AUDITORS_GROUP]: advisors.auditors,
        },
        logger,
      }),
      groups: {
        advisors: 'local',
        backup: 'local',
        programme: 'local',
        programmeLeads: LOCAL_PROGRAMME_LEADS_GROUP,
        auditors: LOCAL_AUDITORS_GROUP,
        ...poolGroups,
      },
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
      auditors: advisors.groups.auditors,
      ...Object.fromEntries(
        otherPools.flatMap((pool) => {
          const groups = rosterGroupsOf(pools, pool.id);
          return [
            [groups.members, advisors.groups.pools[pool.id]],
            [groups.backup, advisors.groups.poolBackups[pool.id]],
          ];
        }),
      ),
    },
  };
}

/** The system clock, moved by CLOCK_OFFSET_MINUTES in tests and demos (refused with an app id). */
function shiftedClock(offsetMinutes: number): Clock {
  return offsetMinutes === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMinutes * 60_000) };
}

/** The local stand-in for AUDITOR_GROUP_ID: LOCAL_AUDITORS. */
const LOCAL_AUDITORS_GROUP = 'local-auditors';

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
