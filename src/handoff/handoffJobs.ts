import type { AdvisorPool } from './advisorRoster';
import type { ChannelThread, PostedAdvisorCard } from './caseRepository';
import type { CaseKind, HandoffCase } from './handoffCase';

/**
 * Outbound work the handoff creates. The domain only describes it; the bot layer executes
 * these jobs through the durable outbox (src/bot/handoffDelivery.ts).
 */
export const HANDOFF_JOBS = {
  notifyAdvisors: 'handoff.notifyAdvisors',
  refreshAdvisorCards: 'handoff.refreshAdvisorCards',
  notifyRequester: 'handoff.notifyRequester',
  notifyClaimingAdvisor: 'handoff.notifyClaimingAdvisor',
  escalate: 'handoff.escalate',
  purgePostedCards: 'handoff.purgePostedCards',
  relayToAdvisor: 'handoff.relayToAdvisor',
  relayToRequester: 'handoff.relayToRequester',
  offerHandOver: 'handoff.offerHandOver',
  postToChannel: 'handoff.postToChannel',
  notifyUrgent: 'handoff.notifyUrgent',
} as const;
export type HandoffJobKind = (typeof HANDOFF_JOBS)[keyof typeof HANDOFF_JOBS];

/** `advisorMessage` / `requesterMessage`: relayed text in jobs stored before relays had kinds of their own. */
export type RequesterUpdate =
  | 'claimed'
  | 'escalated'
  | 'closed'
  | 'expired'
  | 'advisorMessage'
  | 'advisorLeft'
  | 'relayNotDelivered'
  | 'closedForInactivity';
export type AdvisorUpdate =
  | 'cancelled'
  | 'closedByRequester'
  | 'requesterMessage'
  | 'identityRevealed'
  | 'followUpReminder'
  | 'replyNotDelivered'
  | 'handOverDeclined'
  | 'chatInstead'
  | 'inactivityReminder'
  | 'closedForInactivity';

export interface NotifyAdvisorsJob {
  readonly caseId: string;
  readonly pool: AdvisorPool;
}
export interface CaseJob {
  readonly caseId: string;
}
/** `offer` numbers the offer (absent in jobs stored before offers could be withdrawn): a later one makes this one stale. */
export interface OfferJob extends CaseJob {
  readonly offer?: number;
}
/** What changed on a case, so that every card of it is drawn again (and its channel thread gets a reply for some). */
export const CARD_CHANGES = [
  'claimed',
  'offered',
  'handedOver',
  'declined',
  'withdrawn',
  'released',
  'reassigned',
  'escalated',
  'urgent',
  'added',
  'revealed',
  'chatInstead',
  'cancelled',
  'closed',
  'closedByAdvisor',
  'closedForInactivity',
  'expired',
] as const;
export type CardChange = (typeof CARD_CHANGES)[number];

/**
 * `occurrence` counts a change that can happen more than once (the second claim after a release,
 * the third offer), `addedId` names an added message: each gets a job of its own.
 */
export interface RefreshCardsJob extends CaseJob {
  readonly change?: CardChange;
  readonly occurrence?: number;
  readonly addedId?: string;
  /** Jobs stored before changes were typed carry one string instead ('claimed2', 'added:<id>'); absent before channels. */
  readonly reason?: string;
}

/** The change a refresh job was made for, also from a job stored as one `reason` string. */
export function cardChangeOf(job: RefreshCardsJob): CardChange | undefined {
  if (job.change) return job.change;
  if (job.reason === undefined) return undefined;
  const named = job.reason.startsWith('added:') ? 'added' : job.reason.replace(/\d+$/, '');
  return CARD_CHANGES.find((change) => change === named);
}
export interface NotifyRequesterJob {
  readonly caseId: string;
  readonly update: RequesterUpdate;
  /** Relayed text lives only in the pending job, and is gone once delivered. */
  readonly text?: string;
}
export interface NotifyClaimingAdvisorJob {
  readonly caseId: string;
  readonly update: AdvisorUpdate;
  readonly text?: string;
  /** A follow-up whose case was purged before its day: whom to remind, and the code the reminder names. */
  readonly keptFollowUp?: { readonly code: string; readonly advisorUserId: string };
}

/** The case is gone by the time this runs, so the job carries what the purged cards show: the code. */
export interface PurgePostedCardsJob {
  readonly caseId: string;
  readonly code: string;
  readonly kind: CaseKind;
  readonly pool: HandoffCase['pool'];
  readonly cards: readonly PostedAdvisorCard[];
  /** The case's thread in its pool's channel, if it had one. */
  readonly channelThread?: ChannelThread;
}

/** Relayed messages; more than one when a quick series was merged (see relayRateLimit.ts). */
export interface RelayJob {
  readonly caseId: string;
  readonly texts: readonly string[];
  /** Written for the adviser with "Send request" while the request was open: it is on the case card as well. */
  readonly addedToRequest?: boolean;
  /** The requester's answer to the bot's danger question, asked before this adviser took the request (dispatch's `answer` step). */
  readonly answersDangerQuestion?: boolean;
  /** Which of a minute's merged cards this is (mergedRelayJob). */
  readonly merged?: MergedRelayPart;
}

export interface MergedRelayPart {
  readonly window: number;
  /** 0 the first. */
  readonly part: number;
}

export interface JobQueue {
  enqueue(key: string, kind: string, payload: unknown): Promise<unknown>;
  /** Whether a job under this key is waiting, gave up, or was delivered (while its tombstone is kept). */
  holds(key: string): Promise<boolean>;
  /**
   * Adds to a job that has not run yet (created due at `notBefore`, and not before the job
   * `after` names is delivered or given up), or creates it; 'full' when it has started already
   * or `combine` refuses.
   */
  enqueueMerged<Payload>(
    key: string,
    kind: string,
    payload: Payload,
    combine: (pending: Payload) => Payload | undefined,
    notBefore: Date,
    after?: string,
  ): Promise<'enqueued' | 'merged' | 'full'>;
}

/** The payload each kind of job carries: the jobs built here and the executors that run them are both checked against it. */
export interface HandoffJobPayloads {
  readonly [HANDOFF_JOBS.notifyAdvisors]: NotifyAdvisorsJob;
  readonly [HANDOFF_JOBS.refreshAdvisorCards]: RefreshCardsJob;
  readonly [HANDOFF_JOBS.notifyRequester]: NotifyRequesterJob;
  readonly [HANDOFF_JOBS.notifyClaimingAdvisor]: NotifyClaimingAdvisorJob;
  readonly [HANDOFF_JOBS.escalate]: CaseJob;
  readonly [HANDOFF_JOBS.purgePostedCards]: PurgePostedCardsJob;
  readonly [HANDOFF_JOBS.relayToAdvisor]: RelayJob;
  readonly [HANDOFF_JOBS.relayToRequester]: RelayJob;
  readonly [HANDOFF_JOBS.offerHandOver]: OfferJob;
  readonly [HANDOFF_JOBS.postToChannel]: CaseJob;
  readonly [HANDOFF_JOBS.notifyUrgent]: CaseJob;
}

/** One job to enqueue: its idempotency key decides that a retried step sends nothing twice. */
export type HandoffJob = {
  readonly [Kind in HandoffJobKind]: { readonly key: string; readonly kind: Kind; readonly payload: HandoffJobPayloads[Kind] };
}[HandoffJobKind];

/** The jobs a case step can cause, keyed the same way since the first release (delivered keys depend on it). */
export const handoffJob = {
  notifyAdvisors: (caseId: string, pool: AdvisorPool, again?: string): HandoffJob => ({
    key: again ? `${caseId}:notify:${again}` : `${caseId}:notify`,
    kind: HANDOFF_JOBS.notifyAdvisors,
    payload: { caseId, pool },
  }),
  escalate: (caseId: string): HandoffJob => ({ key: `${caseId}:escalate`, kind: HANDOFF_JOBS.escalate, payload: { caseId } }),
  /** A new request of a pool with a team channel starts a thread there with its case card. */
  postToChannel: (caseId: string): HandoffJob => ({ key: `${caseId}:channel`, kind: HANDOFF_JOBS.postToChannel, payload: { caseId } }),
  /** The colleague a case is offered to gets a notification and a card of their own; `offer` numbers the offers. */
  offerHandOver: (caseId: string, offer: number): HandoffJob => ({
    key: `${caseId}:offer:${offer}`,
    kind: HANDOFF_JOBS.offerHandOver,
    payload: { caseId, offer },
  }),
  /** Replaces the cards in advisers' chats with the purged version (code only) when a case is removed. */
  purgePostedCards: (handoffCase: HandoffCase, cards: readonly PostedAdvisorCard[], channelThread?: ChannelThread): HandoffJob => ({
    key: `${handoffCase.id}:purgeCards`,
    kind: HANDOFF_JOBS.purgePostedCards,
    payload: { caseId: handoffCase.id, code: handoffCase.code, kind: handoffCase.kind, pool: handoffCase.pool, cards, ...(channelThread ? { channelThread } : {}) },
  }),
  /** Keyed by the change and its occurrence (as the reason strings were before), so each change refreshes the cards once. */
  refreshAdvisorCards: (caseId: string, change: Exclude<CardChange, 'added'>, occurrence?: number): HandoffJob => ({
    key: `${caseId}:refresh:${change}${occurrence ?? ''}`,
    kind: HANDOFF_JOBS.refreshAdvisorCards,
    payload: { caseId, change, ...(occurrence === undefined ? {} : { occurrence }) } satisfies RefreshCardsJob,
  }),
  /** A message added to an open request is shown on every card of it. */
  refreshForAddedMessage: (caseId: string, addedId: string): HandoffJob => ({
    key: `${caseId}:refresh:added:${addedId}`,
    kind: HANDOFF_JOBS.refreshAdvisorCards,
    payload: { caseId, change: 'added', addedId } satisfies RefreshCardsJob,
  }),
  notifyRequester: (caseId: string, update: Exclude<RequesterUpdate, 'advisorMessage'>, keyName: string = update): HandoffJob => ({
    key: `${caseId}:requester:${keyName}`,
    kind: HANDOFF_JOBS.notifyRequester,
    payload: { caseId, update },
  }),
  notifyClaimingAdvisor: (caseId: string, update: Exclude<AdvisorUpdate, 'requesterMessage'>, keyName: string = update): HandoffJob => ({
    key: `${caseId}:advisor:${keyName}`,
    kind: HANDOFF_JOBS.notifyClaimingAdvisor,
    payload: { caseId, update },
  }),
  /** Under the key of the case's own follow-up job, so a case is reminded once whichever of the two sends it. */
  remindKeptFollowUp: (caseId: string, kept: { readonly code: string; readonly advisorUserId: string }): HandoffJob => ({
    key: `${caseId}:advisor:followUp`,
    kind: HANDOFF_JOBS.notifyClaimingAdvisor,
    payload: { caseId, update: 'followUpReminder', keptFollowUp: { code: kept.code, advisorUserId: kept.advisorUserId } },
  }),
  /** A relayed message: one job per Teams message id, so a re-sent message is relayed once. */
  relayToAdvisor: (caseId: string, messageId: string, text: string, answersDangerQuestion = false): HandoffJob => ({
    key: `${caseId}:toAdvisor:${messageId}`,
    kind: HANDOFF_JOBS.relayToAdvisor,
    payload: { caseId, texts: [text], ...(answersDangerQuestion ? { answersDangerQuestion } : {}) },
  }),
  /** A message added to a claimed request reaches the claimer as a relayed message does. */
  relayAddedMessage: (caseId: string, addedId: string, text: string): HandoffJob => ({
    key: `${caseId}:toAdvisor:added:${addedId}`,
    kind: HANDOFF_JOBS.relayToAdvisor,
    payload: { caseId, texts: [text], addedToRequest: true },
  }),
  /** A request became urgent: the people it is with now are told (once: urgency only goes up). */
  notifyUrgent: (caseId: string): HandoffJob => ({ key: `${caseId}:urgent`, kind: HANDOFF_JOBS.notifyUrgent, payload: { caseId } }),
  relayToRequester: (caseId: string, messageId: string, text: string): HandoffJob => ({
    key: `${caseId}:toRequester:${messageId}`,
    kind: HANDOFF_JOBS.relayToRequester,
    payload: { caseId, texts: [text] },
  }),
};

/**
 * Relayed text beyond the rate limit, merged per minute into one card, counted as JSON writes it (a
 * quote or a line break takes two): in characters for the outbox row that carries it (Azure Tables
 * holds 32 Ki UTF-16 characters of a property), and in UTF-8 bytes for the card, which Teams refuses
 * over 28 KB, where a Chinese character takes three. The same byte budget as a case's words
 * (MAX_CASE_BYTES_WITH_ADDITIONS) keeps the card under 26 KB (test/cards/caseCardSize.test.ts).
 */
export const MERGED_RELAY_MAX_CHARS = 12_000;
export const MERGED_RELAY_MAX_BYTES = 18 * 1024;
/**
 * What does not fit goes into the minute's next merged card, up to this many cards a minute; a
 * message beyond them is refused with a notice that it was not sent: that is a flood, not a
 * conversation (four cards hold 24 of the longest messages at the least, on top of the ten a
 * minute that go one by one).
 */
export const MERGED_RELAY_MAX_CARDS = 4;

/** Whether these texts fit one merged card and its outbox row. */
function fitInOneMergedCard(texts: readonly string[]): boolean {
  const written = JSON.stringify(texts);
  return written.length <= MERGED_RELAY_MAX_CHARS && Buffer.byteLength(written, 'utf8') <= MERGED_RELAY_MAX_BYTES;
}

export function mergedRelayKey(caseId: string, { window, part }: MergedRelayPart): string {
  return `${caseId}:toAdvisor:merged:${window}${part === 0 ? '' : `:${part}`}`;
}

/**
 * The minute's merged card number `part` (0 the first): a job of its own, delivered when the minute
 * is over and `after` the card before it: each is retried on its own, and the adviser reads them in order.
 */
export function mergedRelayJob(caseId: string, window: number, text: string, part = 0) {
  const merged: MergedRelayPart = { window, part };
  return {
    key: mergedRelayKey(caseId, merged),
    after: part === 0 ? undefined : mergedRelayKey(caseId, { window, part: part - 1 }),
    kind: HANDOFF_JOBS.relayToAdvisor,
    payload: { caseId, texts: [text], merged } satisfies RelayJob,
    combine: (pending: RelayJob): RelayJob | undefined => {
      const texts = [...pending.texts, text];
      return fitInOneMergedCard(texts) ? { caseId, texts, merged } : undefined;
    },
  };
}

export async function enqueueAll(queue: JobQueue, jobs: readonly HandoffJob[]): Promise<void> {
  for (const job of jobs) await queue.enqueue(job.key, job.kind, job.payload);
}
