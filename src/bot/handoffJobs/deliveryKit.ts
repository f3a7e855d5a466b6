import { ActivityTypes, CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ActivityType } from '../../appPackage/activityTypes';
import type { AuditAction, AuditTrail } from '../../audit/auditTrail';
import { buildAdvisorCaseCard } from '../../cards/advisorCaseCard';
import { cardContextFor, type CardContext } from '../../cards/cardContext';
import type { CardRenderer, CardSpec } from '../../cards/cardRenderer';
import type { AppContent } from '../../content/appContent';
import type { Locale } from '../../guidance/vocabulary';
import { poolOfCase, rosterGroupsForCase, type DeployedPool, type DeployedPools } from '../../handoff/adviserPools';
import { FEED_RECIPIENTS_PER_CALL, OutboundCallError, type AdvisorNotifier, type DirectoryMember, type MailMessage } from '../../handoff/advisorPorts';
import type { AdvisorPool, AdvisorRoster } from '../../handoff/advisorRoster';
import { advisorCardsPartition, type CaseRepository } from '../../handoff/caseRepository';
import { wasMovedAwayFrom } from '../../handoff/caseVisibility';
import type { Clock } from '../../handoff/clock';
import type { HandoffCase } from '../../handoff/handoffCase';
import type { HandoffJobKind, HandoffJobPayloads, JobQueue } from '../../handoff/handoffJobs';
import type { HandoffService } from '../../handoff/handoffService';
import type { Logger } from '../../logging/logger';
import type { OutboxJob } from '../../outbox/outbox';
import { runStepOnce, STEP_MARKERS } from '../../outbox/stepClaims';
import type { PersonKeys } from '../../preferences/personKeys';
import { PreferencesRepository } from '../../preferences/preferences';
import type { EntityStore } from '../../storage/entityStore';
import type { ConversationDirectory } from '../conversationDirectory';
import { continueConversation } from '../proactiveDelivery';
import type { StringKey } from '../../i18n/stringKeys';

/** What an adviser can be shown of a case by a card: each is on the audit trail before the card is posted. */
type AuditedRead = Extract<AuditAction, 'cardReceived' | 'messageReceived' | 'identityShown'>;

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
  readonly content: AppContent;
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

/** Runs one kind of job with the payload that kind carries (handoffJobs.ts), so a wrong payload does not compile. */
export type HandoffExecutor<Kind extends HandoffJobKind> = (payload: HandoffJobPayloads[Kind], job: OutboxJob) => Promise<void>;
export interface HandoffJobHandler<Kind extends HandoffJobKind> {
  readonly run: HandoffExecutor<Kind>;
  readonly giveUpAfterMs?: number;
  readonly onGiveUp?: HandoffExecutor<Kind>;
  /** Jobs of the kind with the same answer run in the order they were enqueued (Outbox's JobHandler). */
  readonly inOrderOf?: (payload: HandoffJobPayloads[Kind]) => string;
}
export type HandoffExecutors<Kinds extends HandoffJobKind = HandoffJobKind> = {
  readonly [Kind in Kinds]: HandoffExecutor<Kind> | HandoffJobHandler<Kind>;
};

/** How one adviser reads their cards: their language and time zone. */
export interface AdviserView {
  readonly locale: Locale;
  readonly timeZone?: string;
}

/** A member to notify with how they read, looked up once per job however many of its steps need it. */
export interface Reader {
  readonly member: DirectoryMember;
  readonly view: AdviserView;
}

/** Which card of a case an adviser got, so that it can be replaced when the case changes. */
export interface AdvisorCardRecord {
  readonly userId: string;
  readonly activityId: string;
}

/** A feed notification about one case: it leads to the bot's chat and carries only the case code. */
export interface CaseFeedNotification {
  readonly recipientUserIds: readonly string[];
  readonly activityType: ActivityType;
  readonly previewText: string;
  readonly caseCode: string;
}

/** Teams accepts at most 60 ids in a Universal Action card's `refresh.userIds`; others refresh by pressing the card. */
export const MAX_REFRESH_USER_IDS = 60;

/** Longer than one Graph call can take (its timeout is 15 s): a claim this old was left by an instance that died. */
const GRAPH_CALL_CLAIM_MS = 2 * 60_000;

/**
 * What every handoff job needs to reach people in Teams: how each adviser reads, posting and
 * replacing cards, and the activity feed, notified once per job however often the job is retried.
 */
export class DeliveryKit {
  readonly pools: DeployedPools;
  private readonly preferences: PreferencesRepository;

  constructor(readonly dependencies: HandoffDeliveryDependencies) {
    this.pools = dependencies.content.adviserPools;
    this.preferences = new PreferencesRepository(dependencies.store);
  }

  poolOf(handoffCase: HandoffCase): DeployedPool {
    return poolOfCase(this.pools, handoffCase);
  }

  /** An adviser's own choice of language, else their Teams language; ADVISOR_LOCALE only for someone never seen. */
  async adviserView(userId: string): Promise<AdviserView> {
    const personKey = this.dependencies.personKeys.keyFor(userId);
    const remembered = await this.preferences.get(personKey);
    const settings = await this.preferences.getAdviserSettings(this.dependencies.personKeys.adviserKeyOf(personKey));
    // The person row's adviser fields are an earlier version's, until the first sweep or the adviser's next action moves them.
    return {
      locale: remembered.locale ?? settings.adviserLocale ?? remembered.adviserLocale ?? this.dependencies.advisorLocale,
      timeZone: settings.adviserTimeZone ?? remembered.adviserTimeZone,
    };
  }

  advisorContext(locale: Locale = this.dependencies.advisorLocale): CardContext {
    return cardContextFor(this.dependencies.content, locale);
  }

  /**
   * The requester's language as they chose it by the time the message goes out (`language` /
   * `taal` after the request); without a choice, the language they asked in.
   */
  async requesterContext(handoffCase: HandoffCase): Promise<CardContext> {
    return cardContextFor(this.dependencies.content, await this.preferences.chosenLocaleOr(handoffCase.requester.personKey, handoffCase.locale));
  }

  async readersOf(members: readonly DirectoryMember[]): Promise<Reader[]> {
    const readers: Reader[] = [];
    for (const member of members) readers.push({ member, view: await this.adviserView(member.id) });
    return readers;
  }

  /** Recipients grouped by language, so each notification or mail is written in its readers' own. */
  byLanguage(readers: readonly Reader[]): Map<Locale, DirectoryMember[]> {
    const groups = new Map<Locale, DirectoryMember[]>();
    for (const { member, view } of readers) groups.set(view.locale, [...(groups.get(view.locale) ?? []), member]);
    return groups;
  }

  /** Posts a card in a conversation; the posted activity's id, '' when Teams gave none. */
  async postCard(reference: Partial<ConversationReference>, spec: CardSpec): Promise<string> {
    let activityId: string | undefined;
    await continueConversation(this.dependencies.adapter, this.dependencies.botAppId, reference, async (context) => {
      const response = await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(this.dependencies.cards.render(spec))] });
      activityId = response?.id;
    });
    return activityId ?? '';
  }

  /**
   * Posts a card to the adviser who has a case; undefined when they cannot be reached: no chat with the bot (they said
   * "forget me"), or one Teams refuses for good (403, 404: they removed or blocked the bot), so the case can go back to
   * the pool. A refusal that may pass (429, 5xx) still throws for the outbox to retry.
   */
  async postToClaimer(post: () => Promise<string | undefined>): Promise<string | undefined> {
    try {
      return await post();
    } catch (error) {
      if (isRefusedForGood(error)) return undefined;
      throw error;
    }
  }

  /** Posts a card in a person's chat with the bot; undefined when there is no chat to post in. */
  async postCardToPerson(personKey: string, spec: CardSpec): Promise<string | undefined> {
    const reference = await this.dependencies.conversations.find(personKey);
    return reference ? this.postCard(reference, spec) : undefined;
  }

  async replacePostedCard(reference: Partial<ConversationReference>, activityId: string, spec: CardSpec): Promise<void> {
    await continueConversation(this.dependencies.adapter, this.dependencies.botAppId, reference, async (context) => {
      await context.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(this.dependencies.cards.render(spec))] });
    });
  }

  /** The case card as one adviser sees it now: their language and time zone, and for the claimer whom they can hand it to. */
  async advisorCardFor(handoffCase: HandoffCase, userId: string, view: AdviserView, refreshUserIds: readonly string[]): Promise<CardSpec> {
    const handOverCandidates = await this.dependencies.handoff.handOverCandidates(handoffCase, userId);
    return buildAdvisorCaseCard(
      this.advisorContext(view.locale),
      handoffCase,
      { userId, timeZone: view.timeZone, now: this.dependencies.clock.now(), handOverCandidates },
      refreshUserIds.slice(0, MAX_REFRESH_USER_IDS),
    );
  }

  /**
   * Who may read a case now: the people of its pool and backup (a dialogue's: the programme group), read from the directory
   * each time, since a card posted earlier stays in the chat of someone taken out of the group. A busy directory throws
   * its retryable error, so the job waits rather than draw a card for someone it could not check.
   */
  async peopleWhoMayReadNow(handoffCase: HandoffCase): Promise<ReadonlySet<string>> {
    const people = new Set<string>();
    for (const group of rosterGroupsForCase(this.pools, handoffCase)) {
      for (const member of await this.dependencies.roster.members(group)) people.add(member.id);
    }
    return people;
  }

  /**
   * Records which card of the case an adviser got, to replace it later. Filed under their adviser key: the record holds
   * their object id, and under their person key it would name the requester of any anonymous case of their own.
   */
  async recordPostedCard(handoffCase: HandoffCase, card: AdvisorCardRecord): Promise<void> {
    await this.dependencies.store.upsert<AdvisorCardRecord>('conversations', advisorCardsPartition(handoffCase.id), this.dependencies.personKeys.adviserKeyFor(card.userId), card);
  }

  /**
   * Posts a card that shows an adviser something of a case, after its audit row: a read is on the trail before the adviser
   * can see it, so a crash between the two never leaves an unrecorded read (a post that then fails leaves a row of the attempt).
   * An adviser without a chat with the bot (never installed it, or said "forget me") is shown nothing, so no row is written:
   * undefined, as from postCardToPerson.
   */
  async postAuditedCard(handoffCase: HandoffCase, adviserUserId: string, action: AuditedRead, spec: CardSpec): Promise<string | undefined> {
    const reference = await this.dependencies.conversations.find(this.dependencies.personKeys.keyFor(adviserUserId));
    if (!reference) return undefined;
    return this.showAudited(handoffCase, adviserUserId, action, () => this.postCard(reference, spec));
  }

  /**
   * Records a read, then shows it. When Teams refuses it for good (403, 404: the adviser removed or blocked the bot) a
   * `notDelivered` row follows, so "who saw my request?" does not name an adviser who was shown nothing.
   */
  async showAudited<T>(handoffCase: HandoffCase, adviserUserId: string, action: AuditedRead, show: () => Promise<T>): Promise<T> {
    const { audit } = this.dependencies;
    await audit.recordAdviser(handoffCase.code, adviserUserId, action);
    try {
      return await show();
    } catch (error) {
      if (isRefusedForGood(error)) await audit.recordAdviser(handoffCase.code, adviserUserId, 'notDelivered');
      throw error;
    }
  }

  /** The card an adviser got for a case; one an earlier version filed under their person key is moved to their adviser key. */
  async postedCardOf(caseId: string, userId: string): Promise<AdvisorCardRecord | undefined> {
    const { store, personKeys } = this.dependencies;
    const partition = advisorCardsPartition(caseId);
    const filed = (await store.get<AdvisorCardRecord>('conversations', partition, personKeys.adviserKeyFor(userId)))?.value;
    if (filed) return filed;
    const legacy = (await store.get<AdvisorCardRecord>('conversations', partition, personKeys.keyFor(userId)))?.value;
    if (legacy) await this.refileUnderAdviserKey(caseId, personKeys.keyFor(userId), legacy);
    return legacy;
  }

  /** The records of a case's cards, each under an adviser key (an earlier version's person-key records moved as they are read). */
  async postedCardsOf(caseId: string): Promise<AdvisorCardRecord[]> {
    const { store, personKeys } = this.dependencies;
    const records = await store.listPartition<AdvisorCardRecord>('conversations', advisorCardsPartition(caseId));
    for (const record of records) {
      if (record.rowKey === personKeys.keyFor(record.value.userId)) await this.refileUnderAdviserKey(caseId, record.rowKey, record.value);
    }
    return records.map((record) => record.value);
  }

  private async refileUnderAdviserKey(caseId: string, personKey: string, card: AdvisorCardRecord): Promise<void> {
    await this.dependencies.cases.refilePostedAdvisorCard(caseId, personKey, this.dependencies.personKeys.adviserKeyOf(personKey), card);
  }

  /**
   * A retried job does not notify the feed again, nor does a second instance that runs the job
   * while this one's call is in flight: a marker under `markerKey` (the job's key, or that key and
   * a `:` suffix) is claimed before the call and remembers that it was made. It stays until the
   * job's delivered tombstone is purged: a job done never runs again, and one not done yet may be
   * retried after any later step of it fails.
   *
   * The feed is an extra signal, never the way a case reaches anyone: a refusal that no retry
   * changes (403: TeamsActivity.Send not consented, or the app not installed for a member; 400: an
   * activity type the tenant's manifest lacks) is logged and the job goes on to the chats.
   *
   * Graph takes 100 recipients a call, so a larger group is several calls, and Graph may throttle a later one after the
   * first went: each batch is a step of its own (the first keeps the key as it was, the others add `:<batch>`), over the
   * recipients in a stable order, so a retry sends only the batches that did not go.
   * A batch is known by its place, not its members: a group of more than 100 that changes between tries can move someone
   * across a batch that went (the README row says so; the feed is an extra signal, the chats still go).
   */
  async notifyFeedOnce(markerKey: string, notification: CaseFeedNotification): Promise<void> {
    const recipients = [...new Set(notification.recipientUserIds)].sort();
    for (let start = 0, batch = 0; start < recipients.length; start += FEED_RECIPIENTS_PER_CALL, batch += 1) {
      const batchKey = batch === 0 ? markerKey : `${markerKey}:${batch}`;
      await this.notifyFeedBatchOnce(batchKey, { ...notification, recipientUserIds: recipients.slice(start, start + FEED_RECIPIENTS_PER_CALL) });
    }
  }

  private async notifyFeedBatchOnce(markerKey: string, notification: CaseFeedNotification): Promise<void> {
    const { store, clock, notifier, botChatUrl, logger } = this.dependencies;
    let refused: OutboundCallError | undefined;
    await runStepOnce(store, clock, STEP_MARKERS.feedNotified, markerKey, GRAPH_CALL_CLAIM_MS, async () => {
      try {
        await notifier.sendActivityNotification({
          recipientUserIds: notification.recipientUserIds,
          activityType: notification.activityType,
          previewText: notification.previewText,
          templateParameters: { caseCode: notification.caseCode },
          webUrl: botChatUrl,
        });
      } catch (error) {
        if (!(error instanceof OutboundCallError) || error.retryable) throw error;
        refused = error;
      }
    });
    if (refused) {
      logger.warn(
        { event: 'feedNotificationRefused', activityType: notification.activityType, statusCode: refused.statusCode },
        'the activity feed refused a notification; the cards go to the chats without it',
      );
    }
  }

  /**
   * A mail that goes once however often its job is retried: a job that mails each language's readers apart and is
   * throttled on the second mail must not send the first again (`markerKey`: the job's key and a `:` suffix).
   */
  async sendMailOnce(markerKey: string, message: MailMessage): Promise<void> {
    const { store, clock, notifier } = this.dependencies;
    await runStepOnce(store, clock, STEP_MARKERS.mailSent, markerKey, GRAPH_CALL_CLAIM_MS, () => notifier.sendMail(message));
  }

  /**
   * A card per member who has none yet, then the activity-feed notification in each reader's
   * language: the cards come first, so Graph throttling the feed does not hold them back, and a
   * card that could not be posted yet holds back neither the feed nor the other cards.
   */
  async notifyPool(handoffCase: HandoffCase, pool: AdvisorPool, activityType: ActivityType, previewKey: StringKey, jobKey: string): Promise<Reader[]> {
    const { roster, logger } = this.dependencies;
    // An adviser the requester asked to be moved away from does not get the case again.
    const members = (await roster.reachableMembers(pool)).filter((member) => !wasMovedAwayFrom(handoffCase, member.id));
    if (members.length === 0) {
      logger.warn({ event: 'noAdvisorsInPool', pool }, 'no members to notify');
      return [];
    }
    const readers = await this.readersOf(members);
    const { posted, retryLater } = await this.postAdvisorCards(handoffCase, readers);
    const languages = this.byLanguage(readers);
    // One marker per language: a retried job notifies the feed of no group twice.
    for (const [locale, recipients] of languages) {
      await this.notifyFeedOnce(`${jobKey}:${locale}`, {
        recipientUserIds: recipients.map((member) => member.id),
        activityType,
        previewText: this.advisorContext(locale).t(previewKey, { code: handoffCase.code }),
        caseCode: handoffCase.code,
      });
    }
    logger.info({ event: 'advisorsNotified', pool, recipients: members.length, cardsPosted: posted }, 'advisors notified');
    // The job is retried for the cards a passing failure held back; those already recorded are not posted again.
    if (retryLater) throw retryLater;
    return readers;
  }

  /**
   * Each adviser's card on its own: one adviser who blocked or removed the bot (a 403 or 404 no
   * retry changes) must not keep the case from the rest of the pool nor the feed notification.
   */
  private async postAdvisorCards(handoffCase: HandoffCase, readers: readonly Reader[]): Promise<{ posted: number; retryLater?: unknown }> {
    const refreshUserIds = readers.map(({ member }) => member.id);
    let posted = 0;
    let retryLater: unknown;
    for (const { member, view } of readers) {
      if (await this.postedCardOf(handoffCase.id, member.id)) continue;
      let activityId: string | undefined;
      try {
        activityId = await this.postAuditedCard(handoffCase, member.id, 'cardReceived', await this.advisorCardFor(handoffCase, member.id, view, refreshUserIds));
      } catch (error) {
        if (error instanceof OutboundCallError && !error.retryable) {
          this.dependencies.logger.warn({ event: 'advisorUnreachable', update: 'caseCard', statusCode: error.statusCode }, 'the connector refused the case card for one adviser');
        } else {
          retryLater ??= error;
        }
        continue;
      }
      if (!activityId) continue;
      await this.recordPostedCard(handoffCase, { userId: member.id, activityId });
      posted += 1;
    }
    return { posted, retryLater };
  }
}

/** Teams will not take it however often it is tried: the person removed or blocked the bot (403, 404). */
function isRefusedForGood(error: unknown): boolean {
  return error instanceof OutboundCallError && !error.retryable && (error.statusCode === 403 || error.statusCode === 404);
}
