import { ActivityTypes, CardFactory, type CloudAdapter } from 'botbuilder';
import type { ActivityType } from '../appPackage/activityTypes';
import { buildAdvisorCaseCard, buildChannelCaseCard, buildPurgedCaseCard, buildSupersededCaseCard } from '../cards/advisorCaseCard';
import type { AuditTrail } from '../audit/auditTrail';
import { cardContextFor, type CardContext } from '../cards/cardContext';
import type { CardRenderer, CardSpec } from '../cards/cardRenderer';
import { buildHandoffStatusCard } from '../cards/handoffCards';
import { literalText } from '../cards/literalText';
import { buildNoticeCard } from '../cards/noticeCard';
import { buildRelayMessageCard } from '../cards/relayMessageCard';
import type { Content } from '../content/loadContent';
import type { Locale } from '../guidance/vocabulary';
import { announcedGroupOf, escalatesToBackup, escalationGroupOf, poolOfCase, type DeployedPool, type DeployedPools } from '../handoff/adviserPools';
import { OutboundCallError, type AdvisorNotifier, type DirectoryMember } from '../handoff/advisorPorts';
import type { AdvisorPool, AdvisorRoster } from '../handoff/advisorRoster';
import { advisorCardsPartition, type CaseRepository, type ChannelThread } from '../handoff/caseRepository';
import { wasMovedAwayFrom } from '../handoff/caseVisibility';
import type { Clock } from '../handoff/clock';
import { isAwaitingAdviser, isOpen, isRelayedThroughBot, latestOffer, type HandoffCase } from '../handoff/handoffCase';
import {
  cardChangeOf,
  HANDOFF_JOBS,
  type CardChange,
  type CaseJob,
  type OfferJob,
  type NotifyAdvisorsJob,
  type NotifyClaimingAdvisorJob,
  type NotifyRequesterJob,
  type PurgePostedCardsJob,
  type RefreshCardsJob,
  type JobQueue,
  type RelayJob,
} from '../handoff/handoffJobs';
import type { HandoffService } from '../handoff/handoffService';
import type { Logger } from '../logging/logger';
import type { JobExecutors, OutboxJob } from '../outbox/outbox';
import type { PersonKeys } from '../preferences/personKeys';
import { PreferencesRepository } from '../preferences/preferences';
import type { EntityStore } from '../storage/entityStore';
import type { ConversationDirectory } from './conversationDirectory';
import { continueConversation } from './proactiveDelivery';

export interface HandoffDeliveryDependencies {
  readonly adapter: CloudAdapter;
  readonly botAppId: string;
  readonly cases: CaseRepository;
  readonly handoff: HandoffService;
  readonly roster: AdvisorRoster;
  readonly notifier: AdvisorNotifier;
  readonly conversations: ConversationDirectory;
  readonly personKeys: PersonKeys;
  readonly cards: CardRenderer;
  readonly content: Content;
  readonly store: EntityStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where the notices a failed relay causes are queued. */
  readonly jobs: JobQueue;
  readonly advisorLocale: Locale;
  /** Where a click on an activity-feed notification leads: the bot's chat in Teams. */
  readonly botChatUrl: string;
  /** Content that reaches an adviser (a case card, a relayed message, a revealed name) is an audited read. */
  readonly audit: AuditTrail;
}

/** How one adviser reads their cards: their language and time zone. */
interface AdviserView {
  readonly locale: Locale;
  readonly timeZone?: string;
}

/** A member to notify with how they read, looked up once per job however many of its steps need it. */
interface Reader {
  readonly member: DirectoryMember;
  readonly view: AdviserView;
}

/**
 * A relayed message that has not arrived within a day is better sent again by the person, who
 * is told, than delivered late without them knowing.
 */
const RELAY_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

interface AdvisorCardRecord {
  readonly userId: string;
  readonly activityId: string;
}

const FEED_NOTIFIED = 'feedNotified';

/**
 * The outbox executors for the handoff: proactive Teams messages through the adapter and
 * activity-feed notifications and mail through the notifier. Each one is safe to run again:
 * cards already posted to an advisor are recorded and not posted twice.
 */
export function createHandoffExecutors(dependencies: HandoffDeliveryDependencies): JobExecutors {
  const { cases, roster, notifier, store, logger } = dependencies;
  const preferences = new PreferencesRepository(store);
  const pools = dependencies.content.adviserPools as DeployedPools;
  const poolOf = (handoffCase: HandoffCase): DeployedPool => poolOfCase(pools, handoffCase);
  const inactivity = dependencies.content.organisation.retention;

  /** An adviser's own choice of language, else their Teams language; ADVISOR_LOCALE only for someone never seen. */
  async function adviserView(userId: string): Promise<AdviserView> {
    const remembered = await preferences.get(dependencies.personKeys.keyFor(userId));
    return { locale: remembered.locale ?? remembered.adviserLocale ?? dependencies.advisorLocale, timeZone: remembered.adviserTimeZone };
  }
  const advisorContext = (locale: Locale = dependencies.advisorLocale): CardContext => cardContextFor(dependencies.content, locale);
  async function readersOf(members: readonly DirectoryMember[]): Promise<Reader[]> {
    const readers: Reader[] = [];
    for (const member of members) readers.push({ member, view: await adviserView(member.id) });
    return readers;
  }
  /** Recipients grouped by language, so each notification or mail is written in its readers' own. */
  function byLanguage(readers: readonly Reader[]): Map<Locale, DirectoryMember[]> {
    const groups = new Map<Locale, DirectoryMember[]>();
    for (const { member, view } of readers) groups.set(view.locale, [...(groups.get(view.locale) ?? []), member]);
    return groups;
  }
  const requesterContext = (handoffCase: HandoffCase): CardContext => cardContextFor(dependencies.content, handoffCase.locale);

  /** The posted activity's id ('' when Teams gave none); undefined only when there is no chat to post in. */
  async function sendTo(personKeyOfRecipient: string, spec: CardSpec): Promise<string | undefined> {
    const reference = await dependencies.conversations.find(personKeyOfRecipient);
    if (!reference) return undefined;
    let activityId: string | undefined;
    await continueConversation(dependencies.adapter, dependencies.botAppId, reference, async (context) => {
      const response = await context.sendActivity({
        type: ActivityTypes.Message,
        attachments: [CardFactory.adaptiveCard(dependencies.cards.render(spec))],
      });
      activityId = response?.id;
    });
    return activityId ?? '';
  }

  /** The case card as one adviser sees it now: their language and time zone, and for the claimer whom they can hand it to. */
  async function advisorCardFor(handoffCase: HandoffCase, userId: string, view: AdviserView, refreshUserIds: readonly string[]): Promise<CardSpec> {
    const handOverCandidates = await dependencies.handoff.handOverCandidates(handoffCase, userId);
    return buildAdvisorCaseCard(
      advisorContext(view.locale),
      handoffCase,
      { userId, timeZone: view.timeZone, now: dependencies.clock.now(), handOverCandidates },
      refreshUserIds,
    );
  }

  async function postAdvisorCards(handoffCase: HandoffCase, readers: readonly Reader[]): Promise<number> {
    const refreshUserIds = readers.map(({ member }) => member.id).slice(0, 60);
    let posted = 0;
    for (const { member, view } of readers) {
      const memberKey = dependencies.personKeys.keyFor(member.id);
      if (await store.get('conversations', advisorCardsPartition(handoffCase.id), memberKey)) continue;
      const card = await advisorCardFor(handoffCase, member.id, view, refreshUserIds);
      const activityId = await sendTo(memberKey, card);
      if (!activityId) continue;
      await store.upsert<AdvisorCardRecord>('conversations', advisorCardsPartition(handoffCase.id), memberKey, {
        userId: member.id,
        activityId,
      });
      await dependencies.audit.recordAdviser(handoffCase.code, member.id, 'cardReceived');
      posted += 1;
    }
    return posted;
  }

  /**
   * The activity-feed notification, then a card per member. A job retried because a card could
   * not be posted does not notify the feed again: a marker under the job's key remembers it.
   */
  async function notifyPool(
    handoffCase: HandoffCase,
    pool: AdvisorPool,
    activityType: ActivityType,
    previewKey: string,
    jobKey: string,
  ): Promise<Reader[]> {
    // An adviser the requester asked to be moved away from does not get the case again.
    const members = (await roster.reachableMembers(pool)).filter((member) => !wasMovedAwayFrom(handoffCase, member.id));
    if (members.length === 0) {
      logger.warn({ event: 'noAdvisorsInPool', pool }, 'no members to notify');
      return [];
    }
    const readers = await readersOf(members);
    const languages = byLanguage(readers);
    for (const [locale, recipients] of languages) {
      // One marker per language: a retried job notifies the feed of no group twice.
      if (await store.get('outbox', FEED_NOTIFIED, `${jobKey}:${locale}`)) continue;
      await notifier.sendActivityNotification({
        recipientUserIds: recipients.map((member) => member.id),
        activityType,
        previewText: advisorContext(locale).t(previewKey, { code: handoffCase.code }),
        templateParameters: { caseCode: handoffCase.code },
        webUrl: dependencies.botChatUrl,
      });
      await store.upsert('outbox', FEED_NOTIFIED, `${jobKey}:${locale}`, {});
    }
    const posted = await postAdvisorCards(handoffCase, readers);
    for (const locale of languages.keys()) await store.delete('outbox', FEED_NOTIFIED, `${jobKey}:${locale}`);
    logger.info({ event: 'advisorsNotified', pool, recipients: members.length, cardsPosted: posted }, 'advisors notified');
    return readers;
  }

  /** The channel card in the channel's language (ADVISOR_LOCALE): everyone there reads the same card. */
  function channelCard(handoffCase: HandoffCase) {
    return dependencies.cards.render(buildChannelCaseCard(advisorContext(), handoffCase, dependencies.clock.now()));
  }

  /**
   * The case's card in its channel thread follows every change; a claim, a hand-over, a return to
   * the pool and an end add a short reply in the thread (no name, no content: the code and what happened).
   */
  async function updateChannelThread(handoffCase: HandoffCase, change: CardChange | undefined): Promise<void> {
    const thread = await cases.findChannelThread(handoffCase.id);
    if (!thread) return;
    await continueConversation(dependencies.adapter, dependencies.botAppId, channelAddress(thread), async (context) => {
      await context.updateActivity({ id: thread.activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(channelCard(handoffCase))] });
    });
    const reply = change && CHANNEL_REPLIES[change];
    if (!reply) return;
    const text = advisorContext().t(reply, { code: handoffCase.code });
    await continueConversation(dependencies.adapter, dependencies.botAppId, channelAddress(thread, 'reply'), async (context) => {
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(dependencies.cards.render(buildNoticeCard({ text })))] });
    });
  }

  return {
    [HANDOFF_JOBS.notifyAdvisors]: async (job: NotifyAdvisorsJob, outboxJob: OutboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !isAwaitingAdviser(handoffCase)) return;
      const dialogue = handoffCase.kind === 'team-dialogue';
      const activityType = dialogue ? 'dialogueRequested' : 'newCase';
      const notification = !dialogue
        ? 'advisor.notification.newCase'
        : handoffCase.dialogue?.format === 'one-to-one'
          ? 'advisor.notification.oneToOneDialogue'
          : 'advisor.notification.dialogue';
      await notifyPool(handoffCase, job.pool, activityType, notification, outboxJob.key);
      await dependencies.handoff.recordNotified(handoffCase.id);
    },

    [HANDOFF_JOBS.escalate]: async (job: CaseJob, outboxJob: OutboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !isAwaitingAdviser(handoffCase)) return;
      const readers = await notifyPool(handoffCase, escalationGroupOf(pools, handoffCase), 'caseEscalated', 'advisor.notification.escalated', outboxJob.key);
      // The minutes it actually waited: a request that became urgent late waited longer than the urgent limit.
      const escalatedAt = new Date(handoffCase.escalatedAt ?? dependencies.clock.now().toISOString());
      const waitedMinutes = Math.floor((escalatedAt.getTime() - new Date(handoffCase.createdAt).getTime()) / 60_000);
      for (const [locale, members] of byLanguage(readers)) {
        const addresses = members.map((member) => member.mail).filter((mail): mail is string => Boolean(mail));
        if (addresses.length === 0) continue;
        // Mail carries no case content: only the code and a pointer to Teams.
        const { t } = advisorContext(locale);
        await notifier.sendMail({
          to: addresses,
          subject: t('advisor.mail.subject', { code: handoffCase.code }),
          bodyText: t('advisor.mail.body', { code: handoffCase.code, minutes: waitedMinutes }),
        });
      }
    },

    /**
     * A request became urgent after it was sent: whoever has it now learns it as they would learn
     * of a new request, in the activity feed (the waiting pool, and the backup group once escalated;
     * or the claimer, who also gets a notice in their chat). The cards were drawn again beside this job.
     */
    [HANDOFF_JOBS.notifyUrgent]: async (job: CaseJob, outboxJob: OutboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase || !handoffCase.urgent || !isOpen(handoffCase)) return;
      const claimer = handoffCase.status === 'claimed' ? handoffCase.claimedBy : null;
      if (claimer) {
        if ((await dependencies.handoff.releaseIfClaimerLeft(handoffCase)).released) return;
        const view = await adviserView(claimer.userId);
        const { t } = advisorContext(view.locale);
        if (!(await store.get('outbox', FEED_NOTIFIED, outboxJob.key))) {
          await notifier.sendActivityNotification({
            recipientUserIds: [claimer.userId],
            activityType: 'caseUrgent',
            previewText: t('advisor.notification.urgent', { code: handoffCase.code }),
            templateParameters: { caseCode: handoffCase.code },
            webUrl: dependencies.botChatUrl,
          });
          await store.upsert('outbox', FEED_NOTIFIED, outboxJob.key, {});
        }
        const delivered = await sendTo(dependencies.personKeys.keyFor(claimer.userId), buildNoticeCard({ text: t('advisor.markedUrgent', { code: handoffCase.code }) }));
        if (delivered === undefined) logger.warn({ event: 'advisorUnreachable', update: 'markedUrgent' }, 'no conversation to reach the advisor');
        await store.delete('outbox', FEED_NOTIFIED, outboxJob.key);
        return;
      }
      const groups: AdvisorPool[] = [announcedGroupOf(pools, handoffCase), ...(handoffCase.escalatedAt ? [escalationGroupOf(pools, handoffCase)] : [])];
      // Cards are posted only to whoever has none yet (an adviser who joined the group since); the others' cards were drawn again.
      for (const group of groups) await notifyPool(handoffCase, group, 'caseUrgent', 'advisor.notification.urgent', `${outboxJob.key}:${group}`);
    },

    [HANDOFF_JOBS.refreshAdvisorCards]: async (job: RefreshCardsJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase) return;
      await updateChannelThread(handoffCase, cardChangeOf(job));
      const records = await store.listPartition<AdvisorCardRecord>('conversations', advisorCardsPartition(handoffCase.id));
      const refreshUserIds = records.map((record) => record.value.userId).slice(0, 60);
      for (const record of records) {
        const reference = await dependencies.conversations.find(record.rowKey);
        if (!reference) continue;
        const card = await advisorCardFor(handoffCase, record.value.userId, await adviserView(record.value.userId), refreshUserIds);
        await continueConversation(dependencies.adapter, dependencies.botAppId, reference, async (context) => {
          await context.updateActivity({
            id: record.value.activityId,
            type: ActivityTypes.Message,
            attachments: [CardFactory.adaptiveCard(dependencies.cards.render(card))],
          });
        });
      }
    },

    /**
     * A hand-over offer: an activity-feed notification and a fresh card at the bottom of the
     * colleague's chat. Their earlier card for the case, if any, becomes a pointer to the new one,
     * so each adviser keeps one live card per case (the one a purge replaces).
     */
    [HANDOFF_JOBS.offerHandOver]: async (job: OfferJob, outboxJob: OutboxJob) => {
      const handoffCase = await cases.get(job.caseId);
      const colleague = handoffCase && stillOffered(handoffCase, job) ? handoffCase.handOverTo : undefined;
      if (!handoffCase || !colleague) {
        // Withdrawn, answered or followed by another offer while this job waited for a retry: nothing to send.
        await store.delete('outbox', FEED_NOTIFIED, outboxJob.key);
        return;
      }
      const view = await adviserView(colleague.userId);
      if (!(await store.get('outbox', FEED_NOTIFIED, outboxJob.key))) {
        await notifier.sendActivityNotification({
          recipientUserIds: [colleague.userId],
          activityType: 'caseOffered',
          previewText: advisorContext(view.locale).t('advisor.notification.handOver', { code: handoffCase.code }),
          templateParameters: { caseCode: handoffCase.code },
          webUrl: dependencies.botChatUrl,
        });
        await store.upsert('outbox', FEED_NOTIFIED, outboxJob.key, {});
      }
      const memberKey = dependencies.personKeys.keyFor(colleague.userId);
      const earlier = await store.get<AdvisorCardRecord>('conversations', advisorCardsPartition(handoffCase.id), memberKey);
      const activityId = await sendTo(memberKey, await advisorCardFor(handoffCase, colleague.userId, view, [colleague.userId]));
      if (activityId === undefined) {
        logger.warn({ event: 'advisorUnreachable', update: 'handOverOffer' }, 'no conversation to reach the colleague');
      } else {
        await store.upsert<AdvisorCardRecord>('conversations', advisorCardsPartition(handoffCase.id), memberKey, {
          userId: colleague.userId,
          activityId,
        });
        await dependencies.audit.recordAdviser(handoffCase.code, colleague.userId, 'cardReceived');
        // A withdrawal saved while this card was on its way refreshed the cards it knew of, not this one: draw it as it is now.
        const now = await cases.get(job.caseId);
        const redraw = now && !stillOffered(now, job) && (await dependencies.conversations.find(memberKey));
        if (now && redraw) {
          const current = dependencies.cards.render(await advisorCardFor(now, colleague.userId, view, [colleague.userId]));
          await continueConversation(dependencies.adapter, dependencies.botAppId, redraw, async (context) => {
            await context.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(current)] });
          });
        }
        const reference = earlier && (await dependencies.conversations.find(memberKey));
        if (earlier && reference) {
          const pointer = dependencies.cards.render(buildSupersededCaseCard(advisorContext(view.locale), handoffCase));
          await continueConversation(dependencies.adapter, dependencies.botAppId, reference, async (context) => {
            await context.updateActivity({ id: earlier.value.activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(pointer)] });
          });
        }
      }
      await store.delete('outbox', FEED_NOTIFIED, outboxJob.key);
      logger.info({ event: 'handOverOffered' }, 'hand-over offered to a colleague');
    },

    // The case is already deleted: the job carries the code and which card each adviser got.
    /**
     * A request of a pool with a team channel: a new thread in that channel (a post to the
     * channel's conversation) with the case card. Personal cards and notifications go out as well.
     */
    [HANDOFF_JOBS.postToChannel]: async (job: CaseJob) => {
      const handoffCase = await cases.get(job.caseId);
      const channel = handoffCase && handoffCase.kind === 'advice' ? poolOf(handoffCase).channel : undefined;
      if (!handoffCase || !channel || (await cases.findChannelThread(handoffCase.id))) return;
      // The tenant's Teams service URL, from the requester's own chat with the bot (which holds no user id).
      const requesterChat = await dependencies.conversations.find(handoffCase.requester.personKey);
      if (!requesterChat?.serviceUrl) {
        logger.warn({ event: 'channelThreadSkipped', reason: 'noServiceUrl' }, 'no service URL to post the channel thread with');
        return;
      }
      const thread: Omit<ChannelThread, 'activityId'> = {
        channelId: channel.channelId,
        serviceUrl: requesterChat.serviceUrl,
        tenantId: requesterChat.conversation?.tenantId,
        botId: requesterChat.bot?.id,
      };
      let activityId: string | undefined;
      await continueConversation(dependencies.adapter, dependencies.botAppId, channelAddress(thread), async (context) => {
        const response = await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(channelCard(handoffCase))] });
        activityId = response?.id;
      });
      if (!activityId) throw new OutboundCallError('handoff.postToChannel.noActivityId', false);
      await cases.saveChannelThread(handoffCase.id, { ...thread, activityId });
      logger.info({ event: 'channelThreadStarted' }, 'case posted to the pool channel');
    },

    [HANDOFF_JOBS.purgePostedCards]: async (job: PurgePostedCardsJob) => {
      const card = dependencies.cards.render(buildPurgedCaseCard(advisorContext(), { id: job.caseId, code: job.code, kind: job.kind, pool: job.pool }));
      if (job.channelThread) {
        const thread = job.channelThread;
        await continueConversation(dependencies.adapter, dependencies.botAppId, channelAddress(thread), async (context) => {
          await context.updateActivity({ id: thread.activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
        });
      }
      for (const posted of job.cards) {
        const reference = await dependencies.conversations.find(posted.memberKey);
        if (!reference) continue;
        await continueConversation(dependencies.adapter, dependencies.botAppId, reference, async (context) => {
          await context.updateActivity({ id: posted.activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
        });
      }
    },

    [HANDOFF_JOBS.notifyRequester]: async (job: NotifyRequesterJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase) return;
      const context = requesterContext(handoffCase);
      const { t } = context;
      const now = dependencies.clock.now();
      const emergency = dependencies.content.organisation.phoneNumbers.emergency.number;
      const pool = poolOf(handoffCase);
      const hasBackup = escalatesToBackup(pools, handoffCase);
      const specs: Record<NotifyRequesterJob['update'], () => CardSpec> = {
        claimed: () => buildHandoffStatusCard(context, handoffCase, 'claimed', now),
        closed: () => buildHandoffStatusCard(context, handoffCase, 'closed', now),
        escalated: () =>
          buildNoticeCard({ text: t(hasBackup ? 'handoff.escalated.text' : 'handoff.escalated.withoutBackup', { code: handoffCase.code, emergency }) }),
        expired: () => buildNoticeCard({ text: t('handoff.expired.text', { code: handoffCase.code, pool: pool.name[handoffCase.locale] }) }),
        advisorMessage: () =>
          buildRelayMessageCard(context, { direction: 'toRequester', code: handoffCase.code, caseId: handoffCase.id, message: job.text ?? '' }),
        advisorLeft: () => buildNoticeCard({ text: t('handoff.advisorLeft.text', { code: handoffCase.code }) }),
        relayNotDelivered: () => buildNoticeCard({ text: t('handoff.relay.notDelivered', { code: handoffCase.code, emergency }) }),
        closedForInactivity: () =>
          buildNoticeCard({ text: t('handoff.closedForInactivity.text', { code: handoffCase.code, days: inactivity.inactiveCaseReminderDays + inactivity.inactiveCaseCloseDays }) }),
      };
      const delivered = await sendTo(handoffCase.requester.personKey, specs[job.update]());
      if (delivered === undefined) logger.warn({ event: 'requesterUnreachable', update: job.update }, 'no conversation to reach the requester');
    },

    [HANDOFF_JOBS.notifyClaimingAdvisor]: async (job: NotifyClaimingAdvisorJob) => {
      const handoffCase = await cases.get(job.caseId);
      if (!handoffCase?.claimedBy) return;
      const context = advisorContext((await adviserView(handoffCase.claimedBy.userId)).locale);
      const { t } = context;
      const code = handoffCase.code;
      const specs: Record<NotifyClaimingAdvisorJob['update'], () => CardSpec> = {
        requesterMessage: () =>
          buildRelayMessageCard(context, { direction: 'toAdvisor', code, caseId: handoffCase.id, message: job.text ?? '' }),
        cancelled: () => buildNoticeCard({ text: t('advisor.requesterCancelled', { code }) }),
        closedByRequester: () => buildNoticeCard({ text: t('advisor.requesterClosed', { code }) }),
        identityRevealed: () =>
          buildNoticeCard({ text: t('advisor.identityRevealed', { code, name: literalText(handoffCase.requester.displayName ?? '') }) }),
        followUpReminder: () => buildNoticeCard({ text: t('advisor.followUpReminder', { code }) }),
        replyNotDelivered: () => buildNoticeCard({ text: t('advisor.replyNotDelivered', { code }) }),
        handOverDeclined: () => buildNoticeCard({ text: t('advisor.handOverDeclined', { code }) }),
        chatInstead: () => buildNoticeCard({ text: t('advisor.chatInstead', { code }) }),
        inactivityReminder: () =>
          buildNoticeCard({ text: t('advisor.inactivityReminder', { code, days: inactivity.inactiveCaseReminderDays, closeDays: inactivity.inactiveCaseCloseDays }) }),
        closedForInactivity: () => buildNoticeCard({ text: t('advisor.closedForInactivity', { code, days: inactivity.inactiveCaseCloseDays }) }),
      };
      // Whenever something would go to the claimer, an adviser who left the group loses the case instead.
      if ((await dependencies.handoff.releaseIfClaimerLeft(handoffCase)).released) return;
      const delivered = await sendTo(dependencies.personKeys.keyFor(handoffCase.claimedBy.userId), specs[job.update]());
      if (delivered === undefined) logger.warn({ event: 'advisorUnreachable', update: job.update }, 'no conversation to reach the advisor');
      else if (job.update === 'identityRevealed') await dependencies.audit.recordAdviser(code, handoffCase.claimedBy.userId, 'identityShown');
    },

    [HANDOFF_JOBS.relayToAdvisor]: {
      giveUpAfterMs: RELAY_GIVE_UP_AFTER_MS,
      run: async (job: RelayJob) => {
        const handoffCase = await cases.get(job.caseId);
        if (!handoffCase || !isOpen(handoffCase)) {
          throw new OutboundCallError('handoff.relayToAdvisor.caseNotOpen', false);
        }
        // Until an adviser has the case (again), the message waits; the requester was told.
        if (!handoffCase.claimedBy || handoffCase.status !== 'claimed') throw new OutboundCallError('handoff.relayToAdvisor.awaitingAdvisor', true);
        if ((await dependencies.handoff.releaseIfClaimerLeft(handoffCase)).released) {
          throw new OutboundCallError('handoff.relayToAdvisor.advisorLeft', true);
        }
        const claimer = handoffCase.claimedBy;
        const context = advisorContext((await adviserView(claimer.userId)).locale);
        const message = job.texts.length === 1 ? job.texts[0] : job.texts.join('\n\n');
        const note = job.addedToRequest
          ? context.t('advisor.relay.addedToRequest')
          : job.texts.length > 1
            ? context.t('advisor.relay.merged', { count: job.texts.length })
            : undefined;
        const card = buildRelayMessageCard(context, {
          direction: 'toAdvisor',
          code: handoffCase.code,
          caseId: handoffCase.id,
          message,
          ...(note ? { note } : {}),
          canReply: isRelayedThroughBot(handoffCase),
        });
        const delivered = await sendTo(dependencies.personKeys.keyFor(claimer.userId), card);
        if (delivered === undefined) {
          // The claimer has no chat the bot can reach (they used "forget me", or never opened it):
          // the case goes to another adviser and the message waits for them.
          logger.warn({ event: 'advisorUnreachable', update: 'relay' }, 'claimer unreachable; case back to the pool');
          await dependencies.handoff.releaseUnreachableClaim(handoffCase.id, claimer.userId);
          throw new OutboundCallError('handoff.relayToAdvisor.advisorUnreachable', true);
        }
        await dependencies.audit.recordAdviser(handoffCase.code, claimer.userId, 'messageReceived');
      },
      onGiveUp: async (job: RelayJob, outboxJob: OutboxJob) => {
        const notice: NotifyRequesterJob = { caseId: job.caseId, update: 'relayNotDelivered' };
        await dependencies.jobs.enqueue(`${outboxJob.key}:notDelivered`, HANDOFF_JOBS.notifyRequester, notice);
      },
    },

    [HANDOFF_JOBS.relayToRequester]: {
      giveUpAfterMs: RELAY_GIVE_UP_AFTER_MS,
      run: async (job: RelayJob) => {
        const handoffCase = await cases.get(job.caseId);
        if (!handoffCase || !isOpen(handoffCase)) {
          throw new OutboundCallError('handoff.relayToRequester.caseNotOpen', false);
        }
        const context = requesterContext(handoffCase);
        const card = buildRelayMessageCard(context, {
          direction: 'toRequester',
          code: handoffCase.code,
          caseId: handoffCase.id,
          message: job.texts.join('\n\n'),
        });
        if ((await sendTo(handoffCase.requester.personKey, card)) === undefined) {
          throw new OutboundCallError('handoff.relayToRequester.unreachable', false);
        }
      },
      onGiveUp: async (job: RelayJob, outboxJob: OutboxJob) => {
        const notice: NotifyClaimingAdvisorJob = { caseId: job.caseId, update: 'replyNotDelivered' };
        await dependencies.jobs.enqueue(`${outboxJob.key}:notDelivered`, HANDOFF_JOBS.notifyClaimingAdvisor, notice);
      },
    },
  } as unknown as JobExecutors;
}

/**
 * Where a channel thread is addressed: the channel's conversation for the thread's first post and
 * its updates, `<channel>;messageid=<first post>` for replies in the thread (Teams' convention).
 */
function channelAddress(thread: Omit<ChannelThread, 'activityId'> & { readonly activityId?: string }, target: 'thread' | 'reply' = 'thread') {
  const id = target === 'reply' && thread.activityId ? `${thread.channelId};messageid=${thread.activityId}` : thread.channelId;
  return {
    channelId: 'msteams',
    serviceUrl: thread.serviceUrl,
    conversation: { id, conversationType: 'channel', isGroup: true, tenantId: thread.tenantId, name: '' },
    bot: thread.botId ? { id: thread.botId, name: '' } : undefined,
  };
}

/** The reply a case's channel thread gets for a change (no name, no content); the others only redraw its card. */
const CHANNEL_REPLIES: Record<CardChange, string | undefined> = {
  claimed: 'channel.reply.claimed',
  handedOver: 'channel.reply.handedOver',
  released: 'channel.reply.backInPool',
  reassigned: 'channel.reply.backInPool',
  closed: 'channel.reply.closed',
  closedByAdvisor: 'channel.reply.closed',
  closedForInactivity: 'channel.reply.closed',
  expired: 'channel.reply.closed',
  cancelled: 'channel.reply.cancelled',
  offered: undefined,
  declined: undefined,
  withdrawn: undefined,
  escalated: undefined,
  urgent: undefined,
  added: undefined,
  revealed: undefined,
  chatInstead: undefined,
};

/** The case is still offered by the offer this job was made for (a job stored before offers were numbered: to anyone). */
function stillOffered(handoffCase: HandoffCase, job: OfferJob): boolean {
  return handoffCase.status === 'claimed' && Boolean(handoffCase.handOverTo) && (job.offer === undefined || latestOffer(handoffCase) === job.offer);
}
