import type { Locale, Perspective, Topic } from '../guidance/vocabulary';
import type { HandoffJob } from './handoffJobs';

/**
 * A request for a human: a confidential adviser (kind `advice`) or a facilitated team
 * dialogue for the programme team (kind `team-dialogue`). A small state machine:
 *
 *   requested → notified → claimed → closed
 *        ↘          ↘          ↘
 *     cancelled   cancelled   (closed by either side)
 *   requested/notified → expired (nobody claimed it within the retention of an open request)
 *   claimed → notified (released: the adviser left the group, cannot be reached, gave it back to
 *                       the pool, or the requester asked for another adviser)
 *   claimed → claimed  (handed over: the claimer offers it to a colleague, who accepts)
 *
 * Every transition is persisted (with the entity's etag) before any message goes out, together with
 * the jobs that send those messages (`pendingJobs`), so a step is never saved without them.
 */

export const CASE_STATUSES = ['requested', 'notified', 'claimed', 'closed', 'cancelled', 'expired'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_MODES = ['named', 'anonymous'] as const;
export type CaseMode = (typeof CASE_MODES)[number];

export const CONTACT_PREFERENCES = ['teams-chat', 'call', 'in-person'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const OUTCOME_CATEGORIES = [
  'advice-given',
  'referred',
  'formal-report',
  'resolved-informally',
  'no-follow-up',
  'other',
] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];
/** What a case ended with: an adviser's category, or `expired` when it closed for inactivity. */
export type CaseOutcome = OutcomeCategory | 'expired';

export type CaseKind = 'advice' | 'team-dialogue';

export interface Requester {
  /** Pseudonymous key (see personKey); the only requester field kept for anonymous cases. */
  readonly personKey: string;
  /** Named cases only: the Entra object id (for the advisor's chat deep link) and display name. */
  readonly userId?: string;
  readonly displayName?: string;
}

export interface Advisor {
  readonly userId: string;
  readonly displayName: string;
}

/** The dialogues the programme team facilitates: with a whole team, or one-to-one. */
export const DIALOGUE_FORMATS = ['team', 'one-to-one'] as const;
export type DialogueFormat = (typeof DIALOGUE_FORMATS)[number];

export interface DialogueRequest {
  /** Absent in requests stored before one-to-one dialogues existed: those were team dialogues. */
  readonly format?: DialogueFormat;
  readonly team: string;
  readonly teamSize: string;
  readonly preferredPeriod: string;
  readonly reason: string;
  readonly contact: string;
}

export interface HandoffCase {
  readonly id: string;
  readonly code: string;
  readonly kind: CaseKind;
  readonly mode: CaseMode;
  readonly status: CaseStatus;
  readonly requester: Requester;
  readonly locale: Locale;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  readonly urgent: boolean;
  readonly contactPreference: ContactPreference;
  /** The adviser pool the request went to (content/adviser-pools.json); absent for dialogues and cases from before pools. */
  readonly pool?: string;
  /** What the person chose to share with the advisor; removed by the retention purge. */
  readonly message: string | null;
  readonly dialogue: DialogueRequest | null;
  readonly createdAt: string;
  readonly notifiedAt: string | null;
  readonly escalatedAt: string | null;
  readonly claimedAt: string | null;
  readonly claimedBy: Advisor | null;
  readonly closedAt: string | null;
  /** `inactivity`: a claimed case nothing happened in for too long (caseInactivity.ts). */
  readonly closedBy: 'requester' | 'advisor' | 'inactivity' | null;
  readonly outcome: CaseOutcome | null;
  readonly followUpOn: string | null;
  /** Set once the follow-up reminder has gone to the advisor, so it goes only once. */
  readonly followUpRemindedAt?: string | null;
  /** When an anonymous requester showed their name; the conversation stays in this chat. */
  readonly identityRevealedAt?: string | null;
  /** How often the case went back to the pool: its adviser left, gave it back, or the requester asked for another. */
  readonly releases?: number;
  /**
   * When the case last went back to the pool (`waitingSinceOf`): escalation and expiry run from here, not from the
   * request, so a conversation of weeks given back is a waiting request again. Absent until the first release.
   */
  readonly waitingSince?: string | null;
  /** The colleague the claimer offered the case to; the claimer keeps it until they accept. */
  readonly handOverTo?: Advisor | null;
  /** How many hand-overs were offered, so each offer's messages go out once. */
  readonly handOvers?: number;
  /** Advisers the requester asked to be moved away from: they no longer see the case or get it again. */
  readonly movedAwayFrom?: readonly string[];
  /** The last message relayed either way or other step in a claimed case (caseInactivity.ts); the claim itself counts too. */
  readonly lastActivityAt?: string | null;
  /**
   * When the adviser last wrote to the requester: a danger question the bot asked before that may be answered by a "ja" meant
   * for the adviser; one asked since, or never written to, only by the question's (dispatch's `answer` step).
   */
  readonly adviserWroteAt?: string | null;
  /** When the adviser was reminded that nothing happened in the case; a later activity makes it stale. */
  readonly inactivityRemindedAt?: string | null;
  /** What the requester wrote for the adviser after sending the request, while it was open; removed with the case. */
  readonly addedMessages?: readonly AddedMessage[];
  /** When a request sent as not urgent became urgent: the shorter escalation time runs from here. */
  readonly urgentSince?: string | null;
  /**
   * The jobs of the case's last steps, saved in the same write as the step and taken out once they are in the outbox
   * (caseSteps.ts): a step whose jobs a busy store or a crash kept out of the outbox still has them here.
   */
  readonly pendingJobs?: readonly HandoffJob[];
}

/** A message added to an open request; `id` names the activity it came in (hashed), so a re-sent one is added once. */
export interface AddedMessage {
  readonly id: string;
  readonly at: string;
  readonly text: string;
}

/**
 * How much an open request takes in added messages. A case is one stored row, and Azure Tables
 * holds 32 Ki UTF-16 characters of it: what counts is the case as the store writes it (JSON, where
 * a quote or a line break takes two characters). The words may fill it up to MAX_CASE_CHARS_WITH_ADDITIONS;
 * the rest is kept for what the case's later steps write (a claimer and a colleague with their
 * names, advisers moved away from, the times of escalation, expiry and closing). A request that
 * keeps growing is better answered by a conversation.
 */
export const MAX_ADDED_MESSAGES = 20;
export const MAX_CASE_CHARS_WITH_ADDITIONS = 24 * 1024;
/**
 * The adviser card, the channel card and the backup post carry every word of the case, and Teams
 * refuses a message over 28 KB (UTF-8 bytes, where an accented letter takes two or three): the case
 * as UTF-8 JSON stays under this, which keeps those cards under 26 KB (test/cards/caseCardSize.test.ts).
 */
export const MAX_CASE_BYTES_WITH_ADDITIONS = 18 * 1024;

/** What a new case is made of; everything else starts empty. */
export type NewCaseDetails = Pick<
  HandoffCase,
  'id' | 'code' | 'kind' | 'mode' | 'requester' | 'locale' | 'topic' | 'perspective' | 'urgent' | 'contactPreference' | 'message' | 'dialogue' | 'pool'
>;

/** A request as it is first stored; an anonymous one keeps only the person key of its requester. */
export function newHandoffCase(details: NewCaseDetails, createdAt: Date): HandoffCase {
  return {
    ...details,
    status: 'requested',
    requester: details.mode === 'anonymous' ? { personKey: details.requester.personKey } : details.requester,
    createdAt: createdAt.toISOString(),
    notifiedAt: null,
    escalatedAt: null,
    claimedAt: null,
    claimedBy: null,
    closedAt: null,
    closedBy: null,
    outcome: null,
    followUpOn: null,
  };
}

export const OPEN_STATUSES: readonly CaseStatus[] = ['requested', 'notified', 'claimed'];

/**
 * Whether the conversation runs through the bot: every case that began anonymous, also after
 * the requester showed their name (they were told to write here, and keep doing so).
 */
export function isRelayedThroughBot(handoffCase: HandoffCase): boolean {
  return handoffCase.kind === 'advice' && (handoffCase.mode === 'anonymous' || Boolean(handoffCase.identityRevealedAt));
}

export function isOpen(handoffCase: Pick<HandoffCase, 'status'>): boolean {
  return OPEN_STATUSES.includes(handoffCase.status);
}

/** Open and nobody has it yet: its pool (and once escalated, the backup group) is still asked to take it. */
export function isAwaitingAdviser(handoffCase: Pick<HandoffCase, 'status'>): boolean {
  return handoffCase.status === 'requested' || handoffCase.status === 'notified';
}

/** Since when an unclaimed case has waited for an adviser: its request, or its latest release back to the pool. */
export function waitingSinceOf(handoffCase: Pick<HandoffCase, 'createdAt' | 'waitingSince'>): string {
  return handoffCase.waitingSince ?? handoffCase.createdAt;
}

/** Transitions as pure functions: each returns the new case, or the reason it is not allowed. */
export type Transition<Refusal extends string> =
  | { readonly outcome: 'ok'; readonly next: HandoffCase }
  | { readonly outcome: Refusal };

export function markNotified(current: HandoffCase, now: Date): Transition<'notRequested'> {
  if (current.status !== 'requested') return { outcome: 'notRequested' };
  return { outcome: 'ok', next: { ...current, status: 'notified', notifiedAt: now.toISOString() } };
}

export function markEscalated(current: HandoffCase, now: Date): Transition<'notWaiting' | 'alreadyEscalated'> {
  if (!isAwaitingAdviser(current)) return { outcome: 'notWaiting' };
  if (current.escalatedAt) return { outcome: 'alreadyEscalated' };
  return { outcome: 'ok', next: { ...current, escalatedAt: now.toISOString() } };
}

export function claim(current: HandoffCase, advisor: Advisor, now: Date): Transition<'alreadyClaimed' | 'notOpen' | 'movedAway'> {
  if (current.status === 'claimed') return { outcome: 'alreadyClaimed' };
  if (!isOpen(current)) return { outcome: 'notOpen' };
  if (current.movedAwayFrom?.includes(advisor.userId)) return { outcome: 'movedAway' };
  return { outcome: 'ok', next: { ...current, status: 'claimed', claimedAt: now.toISOString(), claimedBy: advisor } };
}

/**
 * The adviser who claimed the case gave it back, left the advisers' group or can no longer be
 * reached through the bot: the case goes back to the pool, open for another adviser to claim.
 */
export function releaseClaim(current: HandoffCase, claimerUserId: string, now: Date): Transition<'notClaimedBy'> {
  if (current.status !== 'claimed' || current.claimedBy?.userId !== claimerUserId) return { outcome: 'notClaimedBy' };
  return {
    outcome: 'ok',
    next: {
      ...current,
      status: 'notified',
      claimedBy: null,
      claimedAt: null,
      handOverTo: null,
      releases: (current.releases ?? 0) + 1,
      waitingSince: now.toISOString(),
    },
  };
}

/**
 * The number of the case's latest hand-over offer, which names its jobs, refreshes and Withdraw button
 * (1 for a case offered before offers were counted).
 */
export function latestOffer(handoffCase: Pick<HandoffCase, 'handOvers'>): number {
  return handoffCase.handOvers ?? 1;
}

/** The claimer offers the case to a colleague of the pool; it stays theirs until the colleague accepts. */
export function offerHandOver(
  current: HandoffCase,
  claimerUserId: string,
  colleague: Advisor,
): Transition<'notClaimedByYou' | 'toYourself' | 'alreadyOffered' | 'movedAway'> {
  if (current.status !== 'claimed' || current.claimedBy?.userId !== claimerUserId) return { outcome: 'notClaimedByYou' };
  if (colleague.userId === claimerUserId) return { outcome: 'toYourself' };
  // Teams re-sends a slow Hand over: the same offer again is the same offer.
  if (current.handOverTo?.userId === colleague.userId) return { outcome: 'alreadyOffered' };
  if (current.movedAwayFrom?.includes(colleague.userId)) return { outcome: 'movedAway' };
  return { outcome: 'ok', next: { ...current, handOverTo: colleague, handOvers: (current.handOvers ?? 0) + 1 } };
}

/** The colleague takes the offered case: from now on it is theirs, and the relay goes to them. */
export function acceptHandOver(current: HandoffCase, colleague: Advisor, now: Date): Transition<'noOfferForYou' | 'alreadyYours'> {
  if (current.status === 'claimed' && current.claimedBy?.userId === colleague.userId && !current.handOverTo) return { outcome: 'alreadyYours' };
  if (current.status !== 'claimed' || current.handOverTo?.userId !== colleague.userId) return { outcome: 'noOfferForYou' };
  return { outcome: 'ok', next: { ...current, claimedBy: colleague, claimedAt: now.toISOString(), handOverTo: null } };
}

/** The colleague says no: the case stays with the adviser who offered it. */
export function declineHandOver(current: HandoffCase, colleagueUserId: string): Transition<'noOfferForYou'> {
  if (current.status !== 'claimed' || current.handOverTo?.userId !== colleagueUserId) return { outcome: 'noOfferForYou' };
  return { outcome: 'ok', next: { ...current, handOverTo: null } };
}

/**
 * The claimer takes back an offer the colleague has not answered (offered to the wrong person, or
 * they are away): the case stays theirs, offered to no one, and can be offered again. `offer` is the
 * number of the offer the button was drawn for, so an old button cannot withdraw a newer offer.
 */
export function withdrawHandOver(current: HandoffCase, claimerUserId: string, offer: number): Transition<'notClaimedByYou' | 'noOpenOffer'> {
  if (current.status !== 'claimed' || current.claimedBy?.userId !== claimerUserId) return { outcome: 'notClaimedByYou' };
  if (!current.handOverTo || latestOffer(current) !== offer) return { outcome: 'noOpenOffer' };
  return { outcome: 'ok', next: { ...current, handOverTo: null } };
}

/**
 * The requester asks for another adviser, without giving a reason: the adviser who has it is
 * released and does not see it again; the rest of the pool can take it.
 */
export function moveToAnotherAdviser(current: HandoffCase, now: Date): Transition<'notClaimed'> {
  if (current.status !== 'claimed' || !current.claimedBy) return { outcome: 'notClaimed' };
  const claimerUserId = current.claimedBy.userId;
  const released = releaseClaim(current, claimerUserId, now);
  if (released.outcome !== 'ok') return { outcome: 'notClaimed' };
  return { outcome: 'ok', next: { ...released.next, movedAwayFrom: [...(current.movedAwayFrom ?? []), claimerUserId] } };
}

export function cancel(current: HandoffCase, now: Date): Transition<'notOpen'> {
  if (!isOpen(current)) return { outcome: 'notOpen' };
  // Before a claim nobody will act on the name again; after one, the adviser may still record an outcome.
  const requester = current.status === 'claimed' ? current.requester : withoutIdentity(current.requester);
  return { outcome: 'ok', next: { ...current, requester, status: 'cancelled', closedAt: now.toISOString(), closedBy: 'requester' } };
}

/** How long after closing an adviser who ticked "follow up" is reminded of the case; the card's label names the same number. */
export const FOLLOW_UP_DAYS = 14;

/** The adviser asked for a follow-up when closing and has not been reminded yet; a purged adviser is not reminded. */
export function hasFollowUpPending(current: HandoffCase): boolean {
  if (current.status !== 'closed' || !current.followUpOn || current.followUpRemindedAt) return false;
  return !!current.claimedBy && current.claimedBy.userId !== 'purged';
}

/** The follow-up the adviser asked for when closing is due (its day has come) and not reminded yet. */
export function isFollowUpDue(current: HandoffCase, now: Date): boolean {
  return hasFollowUpPending(current) && isFollowUpDayReached(current.followUpOn!, now);
}

export function isFollowUpDayReached(followUpOn: string, now: Date): boolean {
  return followUpOn <= now.toISOString().slice(0, 10);
}

export function markFollowUpReminded(current: HandoffCase, now: Date): Transition<'notDue'> {
  if (!isFollowUpDue(current, now)) return { outcome: 'notDue' };
  return { outcome: 'ok', next: { ...current, followUpRemindedAt: now.toISOString() } };
}

export function closeByAdvisor(
  current: HandoffCase,
  advisorUserId: string,
  outcome: OutcomeCategory,
  followUpOn: string | null,
  now: Date,
): Transition<'notClaimedByYou' | 'alreadyClosed' | 'closedByYouAlready'> {
  if (current.claimedBy?.userId !== advisorUserId) return { outcome: 'notClaimedByYou' };
  if (canRecordOutcome(current, advisorUserId)) return { outcome: 'ok', next: { ...current, outcome, followUpOn } };
  // Teams re-sends a slow Close: the same advisor closing again is the same close.
  if (current.status === 'closed' && current.closedBy === 'advisor') return { outcome: 'closedByYouAlready' };
  if (current.status !== 'claimed') return { outcome: 'alreadyClosed' };
  return {
    outcome: 'ok',
    next: { ...current, status: 'closed', closedAt: now.toISOString(), closedBy: 'advisor', outcome, followUpOn },
  };
}

/** The requester ended the conversation first: the advisor who had it may still record how it ended. */
export function canRecordOutcome(current: HandoffCase, advisorUserId: string): boolean {
  return (
    current.status === 'closed' &&
    current.closedBy === 'requester' &&
    current.outcome === null &&
    current.claimedBy?.userId === advisorUserId
  );
}

export function closeByRequester(current: HandoffCase, now: Date): Transition<'notClaimed'> {
  if (current.status !== 'claimed') return { outcome: 'notClaimed' };
  return { outcome: 'ok', next: { ...current, status: 'closed', closedAt: now.toISOString(), closedBy: 'requester' } };
}

export function expire(current: HandoffCase, now: Date): Transition<'notWaiting'> {
  if (!isAwaitingAdviser(current)) return { outcome: 'notWaiting' };
  return {
    outcome: 'ok',
    next: { ...current, requester: withoutIdentity(current.requester), status: 'expired', closedAt: now.toISOString() },
  };
}

/** A named requester's name and object id are kept only while someone may still need them. */
function withoutIdentity(requester: Requester): Requester {
  return { personKey: requester.personKey };
}

/** The requester chose to show who they are: the case becomes named from now on. */
export function revealIdentity(
  current: HandoffCase,
  userId: string,
  displayName: string,
  now: Date,
): Transition<'notAnonymous' | 'notOpen'> {
  if (current.mode !== 'anonymous') return { outcome: 'notAnonymous' };
  if (!isOpen(current)) return { outcome: 'notOpen' };
  return {
    outcome: 'ok',
    next: { ...current, mode: 'named', requester: { ...current.requester, userId, displayName }, identityRevealedAt: now.toISOString() },
  };
}

/** An anonymous requester who asked for a call chooses to keep talking in the chat instead. */
export function switchToChat(current: HandoffCase): Transition<'notOpen' | 'alreadyChat'> {
  if (!isOpen(current)) return { outcome: 'notOpen' };
  if (current.contactPreference === 'teams-chat') return { outcome: 'alreadyChat' };
  return { outcome: 'ok', next: { ...current, contactPreference: 'teams-chat' } };
}

/** What the requester sends to their open request: words for the adviser, and whether it is urgent now. */
export interface Addition {
  readonly id: string;
  readonly text: string | null;
  readonly urgent: boolean;
}

/**
 * Words written for the adviser while the request is open join it (once per activity, and not
 * when they repeat what it already holds or it is full); urgency only ever goes up.
 * `nothingNew`: nothing to add and no change of urgency.
 */
export function addToOpenCase(current: HandoffCase, addition: Addition, now: Date): Transition<'notOpen' | 'nothingNew'> {
  if (!isOpen(current)) return { outcome: 'notOpen' };
  const added = current.addedMessages ?? [];
  const at = now.toISOString();
  const candidate: AddedMessage | null = addition.text === null ? null : { id: addition.id, at, text: addition.text };
  const addsText = candidate !== null && !holdsAlready(current, addition) && hasRoomFor(current, candidate);
  const becomesUrgent = addition.urgent && !current.urgent;
  if (!addsText && !becomesUrgent) return { outcome: 'nothingNew' };
  return {
    outcome: 'ok',
    next: {
      ...current,
      ...(addsText ? { addedMessages: [...added, candidate] } : {}),
      ...(becomesUrgent ? { urgent: true, urgentSince: at } : {}),
    },
  };
}

/** The same activity, or words the request already holds: its message, a dialogue's reason (a double click on the form), or an added one. */
export function holdsAlready(current: HandoffCase, addition: Pick<Addition, 'id' | 'text'>): boolean {
  const added = current.addedMessages ?? [];
  if (added.some((message) => message.id === addition.id)) return true;
  if (addition.text === null) return false;
  return current.message === addition.text || current.dialogue?.reason === addition.text || added.some((message) => message.text === addition.text);
}

/**
 * Whether an open request can take this message as well: counted as the store writes the case
 * (MAX_CASE_CHARS_WITH_ADDITIONS) and in the bytes its cards will weigh (MAX_CASE_BYTES_WITH_ADDITIONS).
 */
export function hasRoomFor(current: HandoffCase, candidate: AddedMessage): boolean {
  const added = current.addedMessages ?? [];
  if (added.length >= MAX_ADDED_MESSAGES) return false;
  const written = JSON.stringify({ ...current, addedMessages: [...added, candidate] });
  return written.length <= MAX_CASE_CHARS_WITH_ADDITIONS && Buffer.byteLength(written, 'utf8') <= MAX_CASE_BYTES_WITH_ADDITIONS;
}

/** Retention: after the period, only the labels needed for anonymous figures remain. */
export function purgeContent(current: HandoffCase): HandoffCase {
  return {
    ...current,
    requester: { personKey: 'purged' },
    message: null,
    dialogue: null,
    claimedBy: current.claimedBy ? { userId: 'purged', displayName: '' } : null,
    handOverTo: null,
    movedAwayFrom: [],
    addedMessages: [],
  };
}
