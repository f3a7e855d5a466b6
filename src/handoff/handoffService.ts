import { createHash, randomBytes } from 'node:crypto';
import type { AuditTrail } from '../audit/auditTrail';
import type { Locale } from '../guidance/vocabulary';
import type { AdvisorRoster } from './advisorRoster';
import { AdviserActions, type AdvisorCaseOutcome, type ClaimOutcome, type HandOverOutcome, type OpenCaseFilter, type WithdrawOutcome } from './adviserActions';
import { announcedGroupOf, poolForTopic, poolOfCase, type DeployedPools } from './adviserPools';
import { newCaseCode } from './caseCode';
import type { DirectoryBusy, NotFound, WithCase } from './caseOutcomes';
import type { CaseRepository, UpdateResult } from './caseRepository';
import type { CaseSteps } from './caseSteps';
import type { Clock } from './clock';
import { removeCase } from './caseRemoval';
import { recordActivity } from './caseInactivity';
import {
  addToOpenCase,
  cancel,
  closeByRequester,
  isOpen,
  markNotified,
  moveToAnotherAdviser,
  newHandoffCase,
  revealIdentity,
  switchToChat,
  type Advisor,
  type DialogueRequest,
  type HandoffCase,
  type NewCaseDetails,
  type OutcomeCategory,
  type Requester,
} from './handoffCase';
import type { ClaimRelease } from './claimRelease';
import { handoffJob, MERGED_RELAY_MAX_CARDS, mergedRelayJob } from './handoffJobs';
import { openNewestFirst, relayedWithAnAdviser, relayTargetOf } from './openCasesOfPerson';
import { addedMessageId, additionJobs, OpenRequestAdditions, type CreateOutcome, type RequestOutcome, type TooManyRequests } from './openRequestAdditions';
import type { RelayRateLimit } from './relayRateLimit';

type AdviceDetails = Pick<HandoffCase, 'mode' | 'locale' | 'topic' | 'perspective' | 'urgent' | 'contactPreference' | 'message'>;

export interface NewAdviceRequest extends AdviceDetails {
  /** The id of the confirming activity: a re-sent activity maps to the same case. */
  readonly requestId: string;
  readonly requester: Requester;
  /** What the person wrote, or a danger question left open, says danger may be near: never refused for the limit of new requests (urgent neither). */
  readonly mayBeInDanger?: boolean;
}

export interface NewDialogueRequest {
  readonly requestId: string;
  readonly requester: Requester;
  readonly locale: Locale;
  readonly dialogue: DialogueRequest;
  /** Its reason tells of danger now. */
  readonly urgent?: boolean;
  /** As for advice: danger may be near, so the limit of new requests does not apply. */
  readonly mayBeInDanger?: boolean;
}

export type { AddedMessageFate, RequestOutcome, TooManyRequests } from './openRequestAdditions';
export type { AdvisorCaseOutcome, ClaimOutcome, HandOverOutcome, OpenCaseFilter, WithdrawOutcome } from './adviserActions';
export type OwnCaseOutcome = WithCase<'found'> | NotFound;
export type RequesterActionOutcome = WithCase<'ok' | 'notOpen'> | NotFound;
/**
 * `notClaimed`: nobody has the case right now, so there is nobody to move away from; it waits for an adviser.
 * `nobodyElse`: nobody but the adviser who has it could take it (a pool of one without a backup group,
 * or everyone else moved away from already): it stays with them, since moving it would strand it.
 * `directoryBusy`: who else is in the pool cannot be read right now; nothing changed.
 */
export type AnotherAdviserOutcome = WithCase<'moved' | 'notClaimed' | 'notOpen' | 'nobodyElse'> | DirectoryBusy | NotFound;
export interface RequesterRelayOptions {
  readonly madeUrgent?: readonly string[];
  readonly chosenCaseId?: string;
  readonly answersDangerQuestion?: boolean;
}

/**
 * `relayed`: on its way to the adviser (perhaps merged with others of the same minute);
 * `slowDown`: relayed, and from now until the minute is over merged into one message;
 * `held`: the adviser left, the message waits for the next one; `notSent`: over the limit and
 * the merged message is full; `waitingForAdvisor`: nobody has claimed the case yet.
 */
export type RelayOutcome =
  | WithCase<'relayed' | 'slowDown' | 'held' | 'notSent' | 'waitingForAdvisor'>
  /** More than one request has an adviser (openCasesOfPerson.ts, relayedWithAnAdviser): nothing sent until the person chooses. */
  | { readonly outcome: 'chooseRequest'; readonly handoffCases: readonly HandoffCase[] }
  | { readonly outcome: 'noRelayedCase' };

/**
 * The handoff use cases. It speaks only in plain values and typed outcomes; the bot layer
 * turns those into cards, and outbox jobs carry everything that leaves the process. The
 * advisers' side is in adviserActions.ts, the background pass (escalation, expiry, reminders,
 * retention) in handoffSweep.ts.
 */
export class HandoffService {
  private readonly additions: OpenRequestAdditions;
  private readonly adviser: AdviserActions;

  constructor(
    private readonly cases: CaseRepository,
    private readonly steps: CaseSteps,
    roster: AdvisorRoster,
    private readonly clock: Clock,
    private readonly claims: ClaimRelease,
    private readonly relayLimit: RelayRateLimit,
    private readonly pools: DeployedPools,
    private readonly audit: AuditTrail,
    /** REQUESTS_PER_PERSON_PER_HOUR: a new case per round of "Send request" and "Cancel" would get around the relay's limit. */
    private readonly requestsPerHour: number = Number.POSITIVE_INFINITY,
  ) {
    this.additions = new OpenRequestAdditions(steps, pools, (caseId) => this.noteActivity(caseId));
    this.adviser = new AdviserActions(cases, steps, roster, claims, pools, audit, (caseId) => this.noteActivity(caseId));
  }

  async requestAdvice({ requestId, requester, mayBeInDanger, ...details }: NewAdviceRequest): Promise<RequestOutcome> {
    const pool = poolForTopic(this.pools, details.topic);
    const limited = !details.urgent && !mayBeInDanger;
    const create = () => this.createCase(requestId, requester, { ...details, kind: 'advice', dialogue: null, pool: pool.id }, limited);
    return this.additions.requestOrAdd(create, requestId, { text: details.message, urgent: details.urgent, mode: details.mode, pool: pool.id });
  }

  async requestDialogue(request: NewDialogueRequest): Promise<RequestOutcome> {
    const create = () =>
      this.createCase(request.requestId, request.requester, {
        kind: 'team-dialogue',
        mode: 'named',
        locale: request.locale,
        topic: null,
        perspective: 'manager',
        urgent: request.urgent ?? false,
        contactPreference: 'teams-chat',
        message: null,
        dialogue: request.dialogue,
      }, !request.urgent && !request.mayBeInDanger);
    // A second form while one is open: its reason is what the programme team needs to read; the other fields stay as they were.
    return this.additions.requestOrAdd(create, request.requestId, { text: request.dialogue.reason || null, urgent: request.urgent ?? false, mode: 'named' });
  }

  private async createCase(
    requestId: string,
    requester: Requester,
    details: Omit<NewCaseDetails, 'id' | 'code' | 'requester'>,
    limited: boolean,
  ): Promise<CreateOutcome> {
    // Teams re-sends a slow confirmation with the same activity id: it must find the same case.
    const id = await this.cases.reserveCaseIdForRequest(requestKeyFor(requester.personKey, requestId), newCaseId(), this.clock.now());
    const existing = await this.cases.get(id);
    if (existing) return this.foundAgain('created', existing);
    const own = await this.cases.listCasesOf(requester.personKey);
    const open = openNewestFirst(own).find((found) => found.kind === details.kind);
    if (open) return this.foundAgain('open', open);
    const tooMany = limited ? this.overRequestLimit(own, details.kind) : undefined;
    if (tooMany) return tooMany;

    const handoffCase = newHandoffCase({ ...details, id, code: newCaseCode(), requester }, this.clock.now());
    if ((await this.cases.create(handoffCase)) === 'alreadyExists') {
      // A copy of the same confirmation, handled at the same moment, created it first.
      return this.foundAgain('created', (await this.cases.get(id)) ?? handoffCase);
    }
    // Another confirmation of this person's, handled at the same moment, may have got past the look above too.
    const place = await this.cases.takeOpenRequestPlace(handoffCase);
    if (place.outcome === 'heldBy') {
      // Not announced yet, so nobody has seen this case: it goes as if it never was.
      await this.cases.deleteCase(handoffCase);
      return this.foundAgain('open', place.holder);
    }
    // The case and its notification job are both stored before the person sees a confirmation.
    await this.announce(handoffCase);
    this.recordRequested(handoffCase);
    return { outcome: 'created', handoffCase };
  }

  /**
   * Counted from the person's own cases in the store, so the limit holds across instances and
   * restarts without a row of its own; a cancelled case stays at least a day (retention), far
   * longer than the hour. Two requests at once on two instances cannot both pass: only one of them
   * takes the person's open-request place (takeOpenRequestPlace), the other joins it.
   */
  private overRequestLimit(own: readonly HandoffCase[], kind: HandoffCase['kind']): TooManyRequests | undefined {
    const now = this.clock.now().getTime();
    const madeWithinHour = own
      .filter((found) => found.kind === kind && now - Date.parse(found.createdAt) < REQUEST_LIMIT_WINDOW_MS)
      .map((found) => Date.parse(found.createdAt))
      .sort((a, b) => a - b);
    if (madeWithinHour.length < this.requestsPerHour) return undefined;
    // The hour is rolling: the next request may be made once enough of these have left it.
    const nextAllowedAt = new Date(madeWithinHour[madeWithinHour.length - this.requestsPerHour]! + REQUEST_LIMIT_WINDOW_MS);
    const openRequest = own.find(isOpen);
    return { outcome: 'tooMany', limit: this.requestsPerHour, nextAllowedAt, ...(openRequest ? { openRequest } : {}) };
  }

  /**
   * The person's own case, found again by a re-sent or a later confirmation. The turn that stored it
   * may have failed before its announcement was (a storage error, a crash between the two writes):
   * while nobody has been told of it, it is announced now. The jobs' keys make that once, however
   * often the case is found. The failed turn did not count the request either: it is counted with
   * the announcement, so also once.
   */
  private async foundAgain(outcome: 'created' | 'open', handoffCase: HandoffCase): Promise<CreateOutcome> {
    if (handoffCase.status === 'requested' && (await this.announce(handoffCase)) === 'announced') this.recordRequested(handoffCase);
    return { outcome, handoffCase };
  }

  /** 'alreadyAnnounced' when the advisers' notification job was stored before. */
  private async announce(handoffCase: HandoffCase): Promise<'announced' | 'alreadyAnnounced'> {
    const inChannel = handoffCase.kind === 'advice' && poolOfCase(this.pools, handoffCase).channel !== undefined;
    const notify = handoffJob.notifyAdvisors(handoffCase.id, announcedGroupOf(this.pools, handoffCase));
    const queued = await this.steps.queue.enqueue(notify.key, notify.kind, notify.payload);
    // Its own job: a channel the bot cannot post in must not hold up the advisers' own cards.
    if (inChannel) await this.steps.enqueue([handoffJob.postToChannel(handoffCase.id)]);
    return queued === 'enqueued' ? 'announced' : 'alreadyAnnounced';
  }

  private recordRequested(handoffCase: HandoffCase): void {
    this.steps.record(
      handoffCase.kind === 'team-dialogue' ? { kind: 'dialogueRequested' } : { kind: 'handoffRequested', mode: handoffCase.mode, topic: handoffCase.topic },
      handoffCase.requester.personKey,
    );
  }

  async recordNotified(caseId: string): Promise<void> {
    await this.steps.apply(caseId, markNotified, () => ({ jobs: [] }));
  }

  async findOwnCase(personKey: string, caseId?: string): Promise<OwnCaseOutcome> {
    const cases = await this.cases.listCasesOf(personKey);
    const found = caseId ? cases.find((candidate) => candidate.id === caseId) : openNewestFirst(cases)[0];
    return found ? { outcome: 'found', handoffCase: found } : { outcome: 'notFound' };
  }

  /** Every open request of the person, the newest first: each is theirs to see and cancel (openCasesOfPerson.ts). */
  async openCasesOf(personKey: string): Promise<HandoffCase[]> {
    return openNewestFirst(await this.cases.listCasesOf(personKey));
  }

  async cancelRequest(personKey: string, caseId: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const result = await this.steps.apply(caseId, cancel, ({ previous }) => ({
      jobs: [
        handoffJob.refreshAdvisorCards(caseId, 'cancelled'),
        ...(previous.status === 'claimed' ? [handoffJob.notifyClaimingAdvisor(caseId, 'cancelled')] : []),
      ],
      insight: { kind: 'handoffCancelled' },
    }));
    return asRequesterOutcome(result);
  }

  async closeAsRequester(personKey: string, caseId: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    if (own.handoffCase.status !== 'claimed') return this.cancelRequest(personKey, caseId);
    const result = await this.steps.apply(caseId, closeByRequester, () => ({
      jobs: [handoffJob.refreshAdvisorCards(caseId, 'closed'), handoffJob.notifyClaimingAdvisor(caseId, 'closedByRequester', 'closed')],
    }));
    return asRequesterOutcome(result);
  }

  async revealIdentity(personKey: string, caseId: string, userId: string, displayName: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const result = await this.steps.apply(
      caseId,
      (current, now) => revealIdentity(current, userId, displayName, now),
      ({ next }) => ({
        jobs: [
          handoffJob.refreshAdvisorCards(caseId, 'revealed'),
          ...(next.status === 'claimed' ? [handoffJob.notifyClaimingAdvisor(caseId, 'identityRevealed', 'revealed')] : []),
        ],
      }),
    );
    return asRequesterOutcome(result);
  }

  /** "Chat instead": the requester drops a call (or meeting) for the chat; the adviser's card shows it. */
  async switchToChat(personKey: string, caseId: string): Promise<RequesterActionOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const result = await this.steps.apply(caseId, switchToChat, ({ next }) => ({
      jobs: [
        handoffJob.refreshAdvisorCards(caseId, 'chatInstead'),
        ...(next.status === 'claimed' ? [handoffJob.notifyClaimingAdvisor(caseId, 'chatInstead')] : []),
      ],
    }));
    // Clicked twice, or on two instances: the preference is chat either way.
    if (result.outcome === 'alreadyChat') return { outcome: 'ok', handoffCase: result.current };
    return asRequesterOutcome(result);
  }

  /**
   * The case behind a card in its pool's team channel, to draw that card again: the channel card
   * shows what everyone in the channel already sees (the code and status once claimed).
   */
  async caseForChannel(caseId: string, channelId: string): Promise<HandoffCase | undefined> {
    const handoffCase = await this.cases.get(caseId);
    if (!handoffCase || handoffCase.kind !== 'advice') return undefined;
    // Only in the pool's own channel, which shows this card anyway: from any other channel the card would skip the membership check.
    return poolOfCase(this.pools, handoffCase).channel?.channelId === channelId ? handoffCase : undefined;
  }

  /** Something happened in a claimed case, so it does not close for inactivity (caseInactivity.ts). */
  private async noteActivity(caseId: string): Promise<void> {
    await this.steps.apply(caseId, recordActivity, () => ({ jobs: [] }));
  }

  /**
   * The requester asks for another adviser, no reason needed: the adviser who has the case is
   * released from it and does not see it again; the rest of the pool is notified and can claim it.
   * Only while someone else could take it: `requesterUserId` is left out of that count too (an
   * adviser may ask their own pool for help).
   */
  async requestAnotherAdviser(personKey: string, caseId: string, requesterUserId: string): Promise<AnotherAdviserOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
    const { handoffCase } = own;
    if (handoffCase.status === 'claimed' && handoffCase.claimedBy) {
      const others = await this.claims.othersWhoCouldTake(handoffCase, [handoffCase.claimedBy.userId, requesterUserId]);
      if (others === 'directoryBusy') return { outcome: 'directoryBusy' };
      if (others === 0) return { outcome: 'nobodyElse', handoffCase };
    }
    const result = await this.steps.apply(caseId, moveToAnotherAdviser, ({ next }) => {
      const reassigned = `reassigned${next.releases ?? 1}`;
      return {
        jobs: [
          handoffJob.refreshAdvisorCards(caseId, 'reassigned', next.releases ?? 1),
          handoffJob.notifyAdvisors(caseId, announcedGroupOf(this.pools, next), reassigned),
        ],
      };
    });
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      // The adviser the requester moved away from no longer sees the case: their access ends here.
      if (result.previous.claimedBy) await this.audit.recordAdviser(result.next.code, result.previous.claimedBy.userId, 'released');
      return { outcome: 'moved', handoffCase: result.next };
    }
    return { outcome: isOpen(result.current) ? 'notClaimed' : 'notOpen', handoffCase: result.current };
  }

  /**
   * The open cases `relayFromRequester` could hand this person's next message to, the newest first, without changing
   * anything: claimed, or waiting for the next adviser after one; not while one waits for its first. One, or, with more
   * than one that has an adviser (after the upgrade), each of them: the person chooses which the message is for.
   */
  async relayedCasesOf(personKey: string): Promise<HandoffCase[]> {
    return relayedWithAnAdviser(await this.cases.listCasesOf(personKey));
  }

  /**
   * A requester's message during an open case that runs through the bot goes to the adviser who
   * claimed it. An adviser who left the group loses the case first; once a case has had an
   * adviser, messages wait for the next one instead of being answered by the bot. `madeUrgent`:
   * the requests this very message made urgent (markOpenRequestsUrgent, just before). With more than one request that
   * has an adviser, nothing goes until the person names one (`chosenCaseId`, from the choice card): a guess could hand
   * words meant for one pool's adviser to another pool's. `answersDangerQuestion`: the words answered the bot's danger
   * question, asked before the adviser took the request; their card says so.
   */
  async relayFromRequester(personKey: string, messageId: string, text: string, options: RequesterRelayOptions = {}): Promise<RelayOutcome> {
    const { madeUrgent = [], chosenCaseId, answersDangerQuestion = false } = options;
    const cases = await this.cases.listCasesOf(personKey);
    const withAdvisers = relayedWithAnAdviser(cases);
    if (chosenCaseId === undefined && withAdvisers.length > 1) return { outcome: 'chooseRequest', handoffCases: withAdvisers };
    const open = chosenCaseId === undefined ? relayTargetOf(cases) : withAdvisers.find((found) => found.id === chosenCaseId);
    if (!open) return { outcome: 'noRelayedCase' };
    const { released } = await this.claims.releaseIfClaimerLeft(open);
    const claimed = open.status === 'claimed' && !released;
    if (!claimed && !released && !open.releases) return { outcome: 'waitingForAdvisor', handoffCase: open };
    if (claimed) await this.noteActivity(open.id);
    const limit = this.relayLimit.take(open.id);
    // The message that made the request urgent is never merged or refused for the pace of the ones before it;
    // danger words repeated after it keep the pace of the rest, so they cannot flood the adviser.
    // Nor is an answer to the danger question: merged, it would lose the line that says what it answers.
    if (!limit.merge || madeUrgent.includes(open.id) || answersDangerQuestion) {
      await this.steps.enqueue([handoffJob.relayToAdvisor(open.id, messageId, text, answersDangerQuestion)]);
      return { outcome: claimed ? 'relayed' : 'held', handoffCase: open };
    }
    // What does not fit the minute's merged card goes into its next one; only a flood past the last is refused.
    let queued: 'enqueued' | 'merged' | 'full' = 'full';
    for (let part = limit.mergedPart; part < MERGED_RELAY_MAX_CARDS && queued === 'full'; part += 1) {
      const merged = mergedRelayJob(open.id, limit.window, text, part);
      queued = await this.steps.queue.enqueueMerged(merged.key, merged.kind, merged.payload, merged.combine, limit.windowEndsAt, merged.after);
      if (queued === 'full') this.relayLimit.mergedCardFull(open.id, limit.window, part);
    }
    if (queued === 'full') return { outcome: 'notSent', handoffCase: open };
    if (!claimed) return { outcome: 'held', handoffCase: open };
    return { outcome: limit.firstMerged ? 'slowDown' : 'relayed', handoffCase: open };
  }

  /**
   * Danger now, typed by someone whose advice request is open, makes it urgent whatever its stage
   * (named or anonymous, waiting or taken): recall beats precision, and urgency carries none of the
   * words. A dialogue request is not made urgent by it (the lead's decision): the programme team
   * plans a conversation with a team, it is no route for danger now, which the emergency card answers.
   * Returns the requests this message made urgent (none when they were urgent already), so the
   * person can be told.
   */
  async markOpenRequestsUrgent(personKey: string, messageId: string): Promise<HandoffCase[]> {
    const open = (await this.cases.listCasesOf(personKey)).filter((found) => isOpen(found) && found.kind === 'advice');
    const marked: HandoffCase[] = [];
    for (const found of open) {
      const id = addedMessageId(found.id, messageId);
      const result = await this.steps.apply(
        found.id,
        (current, now) => addToOpenCase(current, { id, text: null, urgent: true }, now),
        ({ previous, next }) => ({ jobs: additionJobs(previous, next) }),
      );
      if (result.outcome === 'ok') marked.push(result.next);
    }
    return marked;
  }

  /**
   * "Forget me": refuses while a case is open; otherwise removes every closed case of the
   * person as the retention purge does (posted cards replaced, every row deleted). The caller
   * then forgets the rest of the person's rows (PersonRecords), which erases what deletion left.
   */
  async forgetRequester(personKey: string): Promise<{ outcome: 'forgotten'; cases: number } | WithCase<'hasOpenCase'>> {
    const cases = await this.cases.listCasesOf(personKey);
    const open = cases.find(isOpen);
    if (open) return { outcome: 'hasOpenCase', handoffCase: open };
    for (const handoffCase of cases) await removeCase(this.cases, this.steps, handoffCase);
    return { outcome: 'forgotten', cases: cases.length };
  }

  /** The adviser who had the case cannot be reached through the bot any more: it goes back to the pool. */
  async releaseUnreachableClaim(caseId: string, claimerUserId: string): Promise<void> {
    await this.claims.release(caseId, claimerUserId);
  }

  async releaseIfClaimerLeft(handoffCase: HandoffCase): Promise<{ readonly released: boolean }> {
    return this.claims.releaseIfClaimerLeft(handoffCase);
  }

  /** The advisers' side (adviserActions.ts), under the names the bot layer calls. */
  viewAsAdvisor(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviser.viewAsAdvisor(caseId, advisorUserId);
  }

  recordListed(shown: readonly HandoffCase[], advisorUserId: string): Promise<void> {
    return this.adviser.recordListed(shown, advisorUserId);
  }

  claimCase(caseId: string, advisorUserId: string): Promise<ClaimOutcome> {
    return this.adviser.claimCase(caseId, advisorUserId);
  }

  handOverCase(caseId: string, claimerUserId: string, colleagueUserId: string | undefined): Promise<HandOverOutcome> {
    return this.adviser.handOverCase(caseId, claimerUserId, colleagueUserId);
  }

  acceptHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviser.acceptHandOver(caseId, advisorUserId);
  }

  declineHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviser.declineHandOver(caseId, advisorUserId);
  }

  withdrawHandOver(caseId: string, advisorUserId: string, offer: number): Promise<WithdrawOutcome> {
    return this.adviser.withdrawHandOver(caseId, advisorUserId, offer);
  }

  releaseToPool(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviser.releaseToPool(caseId, advisorUserId);
  }

  handOverCandidates(handoffCase: HandoffCase, viewerUserId: string): Promise<Advisor[]> {
    return this.adviser.handOverCandidates(handoffCase, viewerUserId);
  }

  closeCase(caseId: string, advisorUserId: string, outcome: OutcomeCategory, followUp: boolean): Promise<AdvisorCaseOutcome> {
    return this.adviser.closeCase(caseId, advisorUserId, outcome, followUp);
  }

  relayFromAdvisor(caseId: string, advisorUserId: string, messageId: string, text: string): Promise<AdvisorCaseOutcome> {
    return this.adviser.relayFromAdvisor(caseId, advisorUserId, messageId, text);
  }

  listOpenCasesFor(advisorUserId: string, filter: OpenCaseFilter = 'all'): ReturnType<AdviserActions['listOpenCasesFor']> {
    return this.adviser.listOpenCasesFor(advisorUserId, filter);
  }

  listCasesWithColleagues(advisorUserId: string): ReturnType<AdviserActions['listCasesWithColleagues']> {
    return this.adviser.listCasesWithColleagues(advisorUserId);
  }

  isAdviser(userId: string): Promise<boolean> {
    return this.adviser.isAdviser(userId);
  }
}

function asRequesterOutcome<Refusal extends string>(result: UpdateResult<Refusal>): RequesterActionOutcome {
  if ('next' in result) return { outcome: 'ok', handoffCase: result.next };
  if ('current' in result) return { outcome: 'notOpen', handoffCase: result.current };
  return { outcome: 'notFound' };
}

/** The rolling window of REQUESTS_PER_PERSON_PER_HOUR. */
const REQUEST_LIMIT_WINDOW_MS = 60 * 60_000;

/** Random: nothing about a case id can be tested against a person's ids. */
function newCaseId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The key of the marker that maps a confirming activity to its case. Built from the person key
 * (itself a keyed hash) and the activity id, neither of which is in a card or a case row.
 */
function requestKeyFor(personKey: string, requestId: string): string {
  return createHash('sha256').update(`request:${personKey}:${requestId}`).digest('hex').slice(0, 40);
}
