import { createHash, randomBytes } from 'node:crypto';
import type { AuditAction, AuditTrail } from '../audit/auditTrail';
import type { Locale } from '../guidance/vocabulary';
import type { AdvisorPool, AdvisorRoster } from './advisorRoster';
import { allAdviserGroups, announcedGroupOf, poolForTopic, poolOfCase, rosterGroupsForCase, rosterGroupsOf, type DeployedPools } from './adviserPools';
import { newCaseCode } from './caseCode';
import type { CaseRepository, UpdateResult } from './caseRepository';
import type { CaseSteps } from './caseSteps';
import type { Clock } from './clock';
import { removeCase } from './caseRemoval';
import { recordActivity } from './caseInactivity';
import { asCaseWithColleague, caseAsSeenBy, isOfferedTo, isTakenByColleague, wasMovedAwayFrom, type CaseWithColleague } from './caseVisibility';
import {
  acceptHandOver,
  addToOpenCase,
  cancel,
  claim,
  closeByAdvisor,
  closeByRequester,
  declineHandOver,
  isOpen,
  isRelayedThroughBot,
  latestOffer,
  markNotified,
  moveToAnotherAdviser,
  newHandoffCase,
  offerHandOver,
  revealIdentity,
  switchToChat,
  withdrawHandOver,
  type Advisor,
  type DialogueRequest,
  type HandoffCase,
  type NewCaseDetails,
  type OutcomeCategory,
  type Requester,
} from './handoffCase';
import { OutboundCallError } from './advisorPorts';
import type { ClaimRelease } from './claimRelease';
import { handoffJob, mergedRelayJob } from './handoffJobs';
import { addedMessageId, additionJobs, OpenRequestAdditions, type CreateOutcome, type RequestOutcome } from './openRequestAdditions';
import type { RelayRateLimit } from './relayRateLimit';

type AdviceDetails = Pick<HandoffCase, 'mode' | 'locale' | 'topic' | 'perspective' | 'urgent' | 'contactPreference' | 'message'>;

export interface NewAdviceRequest extends AdviceDetails {
  /** The id of the confirming activity: a re-sent activity maps to the same case. */
  readonly requestId: string;
  readonly requester: Requester;
}

export interface NewDialogueRequest {
  readonly requestId: string;
  readonly requester: Requester;
  readonly locale: Locale;
  readonly dialogue: DialogueRequest;
  /** Its reason tells of danger now. */
  readonly urgent?: boolean;
}

/** An outcome that comes with the case as it now stands. */
type WithCase<Outcome extends string> = { readonly outcome: Outcome; readonly handoffCase: HandoffCase };
type NotFound = { readonly outcome: 'notFound' };
type NotAnAdvisor = { readonly outcome: 'notAnAdvisor' };
/** The directory (Graph) is throttled or down: nobody's membership can be checked right now. */
type DirectoryBusy = { readonly outcome: 'directoryBusy' };

export type { AddedMessageFate, RequestOutcome } from './openRequestAdditions';
export type OwnCaseOutcome = WithCase<'found'> | NotFound;
export type ClaimOutcome = WithCase<'claimed' | 'alreadyClaimed' | 'notOpen'> | NotAnAdvisor | DirectoryBusy | NotFound;
/** `notOpen`: closed, cancelled or expired already, nothing more to do on it. */
export type AdvisorCaseOutcome = WithCase<'ok' | 'notYourCase' | 'notOpen'> | NotAnAdvisor | DirectoryBusy | NotFound;
/** `noOpenOffer`: the offer the button was drawn for was answered, withdrawn or followed by another; the case stays with the claimer. */
export type WithdrawOutcome = AdvisorCaseOutcome | WithCase<'noOpenOffer'>;
export type RequesterActionOutcome = WithCase<'ok' | 'notOpen'> | NotFound;
/** `notInPool`: the colleague chosen is not one of the case's pool (or the requester moved away from them). */
export type HandOverOutcome = AdvisorCaseOutcome | WithCase<'notInPool' | 'chooseColleague'>;
/** `notClaimed`: nobody has the case right now, so there is nobody to move away from; it waits for an adviser. */
export type AnotherAdviserOutcome = WithCase<'moved' | 'notClaimed' | 'notOpen'> | NotFound;
/**
 * `relayed`: on its way to the adviser (perhaps merged with others of the same minute);
 * `slowDown`: relayed, and from now until the minute is over merged into one message;
 * `held`: the adviser left, the message waits for the next one; `notSent`: over the limit and
 * the merged message is full; `waitingForAdvisor`: nobody has claimed the case yet.
 */
export type RelayOutcome =
  | WithCase<'relayed' | 'slowDown' | 'held' | 'notSent' | 'waitingForAdvisor'>
  | { readonly outcome: 'noRelayedCase' };

/** What `cases` / `zaken` lists: requests nobody has taken, those the adviser took, or both. */
export type OpenCaseFilter = 'all' | 'unclaimed' | 'mine';

const oldestFirst = (a: Pick<HandoffCase, 'createdAt'>, b: Pick<HandoffCase, 'createdAt'>) => a.createdAt.localeCompare(b.createdAt);

/**
 * The handoff use cases. It speaks only in plain values and typed outcomes; the bot layer
 * turns those into cards, and outbox jobs carry everything that leaves the process. The
 * background pass (escalation, expiry, reminders, retention) is in handoffSweep.ts.
 */
export class HandoffService {
  private readonly additions: OpenRequestAdditions;

  constructor(
    private readonly cases: CaseRepository,
    private readonly steps: CaseSteps,
    private readonly roster: AdvisorRoster,
    private readonly clock: Clock,
    private readonly claims: ClaimRelease,
    private readonly relayLimit: RelayRateLimit,
    private readonly pools: DeployedPools,
    private readonly audit: AuditTrail,
  ) {
    this.additions = new OpenRequestAdditions(steps, pools, (caseId) => this.noteActivity(caseId));
  }

  async requestAdvice({ requestId, requester, ...details }: NewAdviceRequest): Promise<RequestOutcome> {
    const pool = poolForTopic(this.pools, details.topic);
    const create = () => this.createCase(requestId, requester, { ...details, kind: 'advice', dialogue: null, pool: pool.id });
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
      });
    // A second form while one is open: its reason is what the programme team needs to read; the other fields stay as they were.
    return this.additions.requestOrAdd(create, request.requestId, { text: request.dialogue.reason || null, urgent: request.urgent ?? false, mode: 'named' });
  }

  private async createCase(
    requestId: string,
    requester: Requester,
    details: Omit<NewCaseDetails, 'id' | 'code' | 'requester'>,
  ): Promise<CreateOutcome> {
    // Teams re-sends a slow confirmation with the same activity id: it must find the same case.
    const id = await this.cases.reserveCaseIdForRequest(requestKeyFor(requester.personKey, requestId), newCaseId(), this.clock.now());
    const existing = await this.cases.get(id);
    if (existing) return { outcome: 'created', handoffCase: existing };
    const open = (await this.cases.listCasesOf(requester.personKey)).find((found) => isOpen(found) && found.kind === details.kind);
    if (open) return { outcome: 'open', handoffCase: open };

    const handoffCase = newHandoffCase({ ...details, id, code: newCaseCode(), requester }, this.clock.now());
    if ((await this.cases.create(handoffCase)) === 'alreadyExists') {
      // A copy of the same confirmation, handled at the same moment, created it first.
      return { outcome: 'created', handoffCase: (await this.cases.get(id)) ?? handoffCase };
    }
    // Another confirmation of this person's, handled at the same moment, may have got past the look above too.
    const place = await this.cases.takeOpenRequestPlace(handoffCase);
    if (place.outcome === 'heldBy') {
      // Not announced yet, so nobody has seen this case: it goes as if it never was.
      await this.cases.deleteCase(handoffCase);
      return { outcome: 'open', handoffCase: place.holder };
    }
    // The case and its notification job are both stored before the person sees a confirmation.
    const inChannel = handoffCase.kind === 'advice' && poolOfCase(this.pools, handoffCase).channel !== undefined;
    await this.steps.enqueue([
      handoffJob.notifyAdvisors(id, announcedGroupOf(this.pools, handoffCase)),
      // Its own job: a channel the bot cannot post in must not hold up the advisers' own cards.
      ...(inChannel ? [handoffJob.postToChannel(id)] : []),
    ]);
    this.steps.record(
      details.kind === 'team-dialogue' ? { kind: 'dialogueRequested' } : { kind: 'handoffRequested', mode: handoffCase.mode, topic: handoffCase.topic },
      requester.personKey,
    );
    return { outcome: 'created', handoffCase };
  }

  async recordNotified(caseId: string): Promise<void> {
    await this.steps.apply(caseId, markNotified, () => ({ jobs: [] }));
  }

  async findOwnCase(personKey: string, caseId?: string): Promise<OwnCaseOutcome> {
    const cases = await this.cases.listCasesOf(personKey);
    const found = caseId ? cases.find((candidate) => candidate.id === caseId) : cases.find(isOpen);
    return found ? { outcome: 'found', handoffCase: found } : { outcome: 'notFound' };
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

  /** Only pool members may read a case; anyone else learns nothing, not even whether it exists. */
  async viewAsAdvisor(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const { handoffCase } = found;
    await this.auditRead(handoffCase, advisorUserId, 'viewed');
    // The claimer opening the case card is a sign of life: Teams refreshes it when they look at it.
    if (handoffCase.claimedBy?.userId === advisorUserId) await this.noteActivity(caseId);
    return { outcome: 'ok', handoffCase: caseAsSeenBy(handoffCase, advisorUserId) };
  }

  /** Something happened in a claimed case, so it does not close for inactivity (caseInactivity.ts). */
  private async noteActivity(caseId: string): Promise<void> {
    await this.steps.apply(caseId, recordActivity, () => ({ jobs: [] }));
  }

  /**
   * Every read of a case's content by an adviser leaves an audit row before they see it; a
   * colleague's claimed case shows only its code and status, which is no read of the case.
   */
  private async auditRead(handoffCase: HandoffCase, advisorUserId: string, action: AuditAction): Promise<void> {
    if (!isTakenByColleague(handoffCase, advisorUserId)) await this.audit.recordAdviser(handoffCase.code, advisorUserId, action);
  }

  /** A refused step still draws the case card: what it shows is a read like any other. */
  private async shownAfterRefusal(current: HandoffCase, advisorUserId: string): Promise<HandoffCase> {
    await this.auditRead(current, advisorUserId, 'viewed');
    return caseAsSeenBy(current, advisorUserId);
  }

  /** `cases` / `zaken`: the entries an adviser was shown, each a read of that case. */
  async recordListed(shown: readonly HandoffCase[], advisorUserId: string): Promise<void> {
    for (const handoffCase of shown) await this.auditRead(handoffCase, advisorUserId, 'listed');
  }

  async claimCase(caseId: string, advisorUserId: string): Promise<ClaimOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const { advisor } = found;
    const result = await this.steps.apply(
      caseId,
      (current, now) => claim(current, advisor, now),
      ({ next }) => {
        // A case back in the pool is claimed again: each claim tells the requester and refreshes the cards once.
        const claimed = next.releases ? `claimed${next.releases}` : 'claimed';
        return {
          jobs: [handoffJob.notifyRequester(caseId, 'claimed', claimed), handoffJob.refreshAdvisorCards(caseId, 'claimed', next.releases || undefined)],
          insight: { kind: 'handoffClaimed', minutesToClaim: minutesBetween(next.createdAt, next.claimedAt) },
        };
      },
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome !== 'ok') {
      await this.auditRead(result.current, advisorUserId, 'viewed');
      const outcome = result.outcome === 'movedAway' ? 'alreadyClaimed' : result.outcome;
      return { outcome, handoffCase: caseAsSeenBy(result.current, advisorUserId) };
    }
    await this.audit.recordAdviser(result.next.code, advisorUserId, 'claimed');
    return { outcome: 'claimed', handoffCase: result.next };
  }

  /**
   * The claimer offers the case to a colleague of its pool, who gets a notification and a card
   * to accept or decline; until they accept, the case (and its relay) stays with the claimer.
   */
  async handOverCase(caseId: string, claimerUserId: string, colleagueUserId: string | undefined): Promise<HandOverOutcome> {
    const found = await this.caseForAdvisor(caseId, claimerUserId);
    if ('outcome' in found) return found;
    const { handoffCase } = found;
    const seen = caseAsSeenBy(handoffCase, claimerUserId);
    if (!colleagueUserId || colleagueUserId === claimerUserId) {
      await this.auditRead(handoffCase, claimerUserId, 'viewed');
      return { outcome: 'chooseColleague', handoffCase: seen };
    }
    // Members of the case's own pool (whom the card offers), never its backup group: the backup group
    // may claim an escalated case itself, but a forged id of theirs would get a case nobody offered.
    const member = await whenDirectoryAnswers(this.roster.findMember([announcedGroupOf(this.pools, handoffCase)], colleagueUserId));
    if (member === BUSY) return { outcome: 'directoryBusy' };
    if (!member) {
      await this.auditRead(handoffCase, claimerUserId, 'viewed');
      return { outcome: 'notInPool', handoffCase: seen };
    }
    const colleague: Advisor = { userId: member.id, displayName: member.displayName };
    const result = await this.steps.apply(
      caseId,
      (current) => offerHandOver(current, claimerUserId, colleague),
      ({ next }) => ({
        jobs: [handoffJob.offerHandOver(caseId, latestOffer(next)), handoffJob.refreshAdvisorCards(caseId, 'offered', latestOffer(next))],
      }),
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      await this.audit.recordAdviser(result.next.code, claimerUserId, 'handOverOffered');
      return { outcome: 'ok', handoffCase: result.next };
    }
    await this.auditRead(result.current, claimerUserId, 'viewed');
    const current = caseAsSeenBy(result.current, claimerUserId);
    if (result.outcome === 'alreadyOffered') return { outcome: 'ok', handoffCase: current };
    if (result.outcome === 'movedAway') return { outcome: 'notInPool', handoffCase: current };
    if (result.outcome === 'toYourself') return { outcome: 'chooseColleague', handoffCase: current };
    return { outcome: isOpen(result.current) ? 'notYourCase' : 'notOpen', handoffCase: current };
  }

  /** The colleague takes the case they were offered: it is theirs now, and so is the relay. */
  async acceptHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const { advisor } = found;
    const result = await this.steps.apply(
      caseId,
      (current, now) => acceptHandOver(current, advisor, now),
      ({ previous }) => {
        const handOver = `handedOver${latestOffer(previous)}`;
        // The requester learns who has their request now, as when it was first claimed.
        return { jobs: [handoffJob.refreshAdvisorCards(caseId, 'handedOver', latestOffer(previous)), handoffJob.notifyRequester(caseId, 'claimed', handOver)] };
      },
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      await this.audit.recordAdviser(result.next.code, advisorUserId, 'handOverAccepted');
      return { outcome: 'ok', handoffCase: result.next };
    }
    await this.auditRead(result.current, advisorUserId, 'viewed');
    // Teams re-sends a slow Accept: the one who has the case now gets it again, unchanged.
    if (result.outcome === 'alreadyYours') return { outcome: 'ok', handoffCase: result.current };
    return { outcome: isOpen(result.current) ? 'notYourCase' : 'notOpen', handoffCase: caseAsSeenBy(result.current, advisorUserId) };
  }

  /** The colleague says no: the claimer keeps the case and is told. */
  async declineHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const result = await this.steps.apply(
      caseId,
      (current) => declineHandOver(current, advisorUserId),
      ({ previous }) => {
        const declined = `declined${latestOffer(previous)}`;
        return { jobs: [handoffJob.refreshAdvisorCards(caseId, 'declined', latestOffer(previous)), handoffJob.notifyClaimingAdvisor(caseId, 'handOverDeclined', declined)] };
      },
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      await this.audit.recordAdviser(result.next.code, advisorUserId, 'handOverDeclined');
      return { outcome: 'ok', handoffCase: caseAsSeenBy(result.next, advisorUserId) };
    }
    return { outcome: isOpen(result.current) ? 'notYourCase' : 'notOpen', handoffCase: await this.shownAfterRefusal(result.current, advisorUserId) };
  }

  /**
   * The claimer withdraws an offer nobody answered: the case stays theirs, and the colleague's card
   * loses Take over (a late Take over is told the case is not offered to them any more).
   */
  async withdrawHandOver(caseId: string, advisorUserId: string, offer: number): Promise<WithdrawOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const result = await this.steps.apply(
      caseId,
      (current) => withdrawHandOver(current, advisorUserId, offer),
      ({ previous }) => ({ jobs: [handoffJob.refreshAdvisorCards(caseId, 'withdrawn', latestOffer(previous))] }),
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      await this.audit.recordAdviser(result.next.code, advisorUserId, 'handOverWithdrawn');
      return { outcome: 'ok', handoffCase: result.next };
    }
    await this.auditRead(result.current, advisorUserId, 'viewed');
    // Teams re-sends a slow Withdraw, the colleague declined a moment before, or the button is from an older offer.
    if (result.outcome === 'noOpenOffer') return { outcome: 'noOpenOffer', handoffCase: result.current };
    return { outcome: isOpen(result.current) ? 'notYourCase' : 'notOpen', handoffCase: caseAsSeenBy(result.current, advisorUserId) };
  }

  /** The claimer gives the case back to the pool: every adviser of the pool can claim it again. */
  async releaseToPool(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const released = await this.claims.release(caseId, advisorUserId);
    const current = await this.cases.get(caseId);
    if (!current) return { outcome: 'notFound' };
    if (released === 'released') return { outcome: 'ok', handoffCase: caseAsSeenBy(current, advisorUserId) };
    const seen = await this.shownAfterRefusal(current, advisorUserId);
    if (!isOpen(current)) return { outcome: 'notOpen', handoffCase: seen };
    // Teams re-sends a slow Release, or another instance released it a moment ago: the case is back in the pool either way.
    return { outcome: current.status === 'claimed' ? 'notYourCase' : 'ok', handoffCase: seen };
  }

  /**
   * The requester asks for another adviser, no reason needed: the adviser who has the case is
   * released from it and does not see it again; the rest of the pool is notified and can claim it.
   */
  async requestAnotherAdviser(personKey: string, caseId: string): Promise<AnotherAdviserOutcome> {
    const own = await this.findOwnCase(personKey, caseId);
    if (own.outcome === 'notFound') return own;
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
   * The colleagues the claimer can hand a case to: the members of its pool, without the claimer
   * and anyone the requester moved away from. A directory that cannot answer offers nobody now.
   */
  async handOverCandidates(handoffCase: HandoffCase, viewerUserId: string): Promise<Advisor[]> {
    if (handoffCase.status !== 'claimed' || handoffCase.claimedBy?.userId !== viewerUserId) return [];
    const members = await this.roster.members(announcedGroupOf(this.pools, handoffCase)).catch((error: unknown) => {
      if (error instanceof OutboundCallError) return [];
      throw error;
    });
    return members
      .filter((member) => member.id !== viewerUserId && !wasMovedAwayFrom(handoffCase, member.id))
      .slice(0, MAX_HAND_OVER_CANDIDATES)
      .map((member) => ({ userId: member.id, displayName: member.displayName }));
  }

  async closeCase(
    caseId: string,
    advisorUserId: string,
    outcome: OutcomeCategory,
    followUpInDays: number | null,
  ): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const now = this.clock.now();
    const followUpOn = followUpInDays ? new Date(now.getTime() + followUpInDays * 86_400_000).toISOString().slice(0, 10) : null;
    const result = await this.steps.apply(
      caseId,
      (current) => closeByAdvisor(current, advisorUserId, outcome, followUpOn, now),
      ({ previous }) => ({
        jobs: [
          // A requester who ended the conversation themselves has been told already.
          ...(previous.status !== 'closed' ? [handoffJob.notifyRequester(caseId, 'closed')] : []),
          handoffJob.refreshAdvisorCards(caseId, 'closedByAdvisor'),
        ],
        insight: { kind: 'caseClosed', outcome },
      }),
    );
    if (result.outcome === 'notFound') return result;
    if (result.outcome === 'ok') {
      await this.audit.recordAdviser(result.next.code, advisorUserId, 'closed');
      return { outcome: 'ok', handoffCase: result.next };
    }
    await this.auditRead(result.current, advisorUserId, 'viewed');
    if (result.outcome === 'closedByYouAlready') return { outcome: 'ok', handoffCase: result.current };
    return { outcome: result.outcome === 'alreadyClosed' ? 'notOpen' : 'notYourCase', handoffCase: caseAsSeenBy(result.current, advisorUserId) };
  }

  /**
   * A requester's message during an open case that runs through the bot goes to the adviser who
   * claimed it. An adviser who left the group loses the case first; once a case has had an
   * adviser, messages wait for the next one instead of being answered by the bot. `madeUrgent`:
   * the requests this very message made urgent (markOpenRequestsUrgent, just before).
   */
  async relayFromRequester(personKey: string, messageId: string, text: string, madeUrgent: readonly string[] = []): Promise<RelayOutcome> {
    const open = (await this.cases.listCasesOf(personKey)).find((candidate) => isOpen(candidate) && isRelayedThroughBot(candidate));
    if (!open) return { outcome: 'noRelayedCase' };
    const { released } = await this.claims.releaseIfClaimerLeft(open);
    const claimed = open.status === 'claimed' && !released;
    if (!claimed && !released && !open.releases) return { outcome: 'waitingForAdvisor', handoffCase: open };
    if (claimed) await this.noteActivity(open.id);
    const limit = this.relayLimit.take(open.id);
    // The message that made the request urgent is never merged or refused for the pace of the ones before it;
    // danger words repeated after it keep the pace of the rest, so they cannot flood the adviser.
    if (!limit.merge || madeUrgent.includes(open.id)) {
      await this.steps.enqueue([handoffJob.relayToAdvisor(open.id, messageId, text)]);
      return { outcome: claimed ? 'relayed' : 'held', handoffCase: open };
    }
    const merged = mergedRelayJob(open.id, limit.window, text);
    const queued = await this.steps.queue.enqueueMerged(merged.key, merged.kind, merged.payload, merged.combine, limit.windowEndsAt);
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

  async relayFromAdvisor(caseId: string, advisorUserId: string, messageId: string, text: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const { handoffCase } = found;
    if (!isOpen(handoffCase) || handoffCase.status !== 'claimed' || handoffCase.claimedBy?.userId !== advisorUserId || !isRelayedThroughBot(handoffCase)) {
      await this.auditRead(handoffCase, advisorUserId, 'viewed');
      return { outcome: isOpen(handoffCase) ? 'notYourCase' : 'notOpen', handoffCase: caseAsSeenBy(handoffCase, advisorUserId) };
    }
    await this.audit.recordAdviser(handoffCase.code, advisorUserId, 'messageSent');
    await this.noteActivity(caseId);
    await this.steps.enqueue([handoffJob.relayToRequester(caseId, messageId, text)]);
    return { outcome: 'ok', handoffCase };
  }

  /**
   * What an adviser may see when asking for open requests: those of the pools they belong to
   * that nobody has taken yet, and those they took themselves (a case someone else took is
   * that adviser's conversation).
   */
  async listOpenCasesFor(
    advisorUserId: string,
    filter: OpenCaseFilter = 'all',
  ): Promise<{ outcome: 'ok'; cases: HandoffCase[] } | NotAnAdvisor | DirectoryBusy> {
    const scope = await this.adviserScope(advisorUserId);
    if (scope.outcome !== 'ok') return scope;
    const visible = (await this.cases.listOpen()).filter((handoffCase) => {
      if (!scope.mayView(handoffCase) || isTakenByColleague(handoffCase, advisorUserId)) return false;
      const mine = handoffCase.claimedBy?.userId === advisorUserId || isOfferedTo(handoffCase, advisorUserId);
      return filter === 'mine' ? mine : filter === 'unclaimed' ? handoffCase.status !== 'claimed' : true;
    });
    return { outcome: 'ok', cases: visible.sort(oldestFirst) };
  }

  /**
   * The rest of an adviser's pools' open requests: those a colleague has, as the list shows them
   * (code, pool, day), so a pool sees its whole load and an adviser asked about a code can tell it
   * is in hand. A case the requester moved away from this adviser is not listed: they no longer see it.
   */
  async listCasesWithColleagues(advisorUserId: string): Promise<{ outcome: 'ok'; cases: CaseWithColleague[] } | NotAnAdvisor | DirectoryBusy> {
    const scope = await this.adviserScope(advisorUserId);
    if (scope.outcome !== 'ok') return scope;
    const withColleagues = (await this.cases.listOpen()).filter(
      (handoffCase) => scope.mayView(handoffCase) && isTakenByColleague(handoffCase, advisorUserId) && !wasMovedAwayFrom(handoffCase, advisorUserId),
    );
    return { outcome: 'ok', cases: withColleagues.sort(oldestFirst).map(asCaseWithColleague) };
  }

  /** Which open cases an adviser's lists may hold: those of the pools they belong to (or its backup), team dialogues for the programme's people. */
  private async adviserScope(advisorUserId: string): Promise<{ outcome: 'ok'; mayView: (handoffCase: HandoffCase) => boolean } | NotAnAdvisor | DirectoryBusy> {
    const memberOf = new Set<string>();
    for (const pool of this.pools.pools) {
      const { members, backup } = rosterGroupsOf(this.pools, pool.id);
      const member = await whenDirectoryAnswers(this.roster.findMember([members, backup], advisorUserId));
      if (member === BUSY) return { outcome: 'directoryBusy' };
      if (member) memberOf.add(pool.id);
    }
    const inProgramme = await whenDirectoryAnswers(this.roster.findMember(['programme'], advisorUserId));
    if (inProgramme === BUSY) return { outcome: 'directoryBusy' };
    if (memberOf.size === 0 && !inProgramme) return { outcome: 'notAnAdvisor' };
    return {
      outcome: 'ok',
      mayView: (handoffCase) => (handoffCase.kind === 'team-dialogue' ? Boolean(inProgramme) : memberOf.has(poolOfCase(this.pools, handoffCase).id)),
    };
  }

  /** Whether someone belongs to any adviser pool or its backup (team-dialogue people are not asked). */
  async isAdviser(userId: string): Promise<boolean> {
    return Boolean(await this.roster.findMember(allAdviserGroups(this.pools), userId));
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

  /** The case and the adviser acting on it, once they are known to be of its pool (or its backup). */
  private async caseForAdvisor(
    caseId: string,
    userId: string,
  ): Promise<{ handoffCase: HandoffCase; advisor: Advisor } | NotAnAdvisor | DirectoryBusy | NotFound> {
    const handoffCase = await this.cases.get(caseId);
    const advisor = await this.advisorFor(handoffCase, userId);
    if (typeof advisor === 'string') return { outcome: advisor };
    if (!handoffCase) return { outcome: 'notFound' };
    return { handoffCase, advisor };
  }

  /** Only the people of a case's own pool (and its backup) may read, claim or answer it. */
  private async advisorFor(
    handoffCase: HandoffCase | undefined,
    userId: string,
  ): Promise<Advisor | NotAnAdvisor['outcome'] | DirectoryBusy['outcome']> {
    // Without a case, any pool membership decides what the refusal looks like; nothing leaks either way.
    const pools: AdvisorPool[] = handoffCase ? rosterGroupsForCase(this.pools, handoffCase) : [...allAdviserGroups(this.pools), 'programme'];
    const member = await whenDirectoryAnswers(this.roster.findMember(pools, userId));
    if (member === BUSY) return 'directoryBusy';
    return member ? { userId: member.id, displayName: member.displayName } : 'notAnAdvisor';
  }
}

const BUSY = Symbol('directoryBusy');
/** A choice list an adviser can scan on a phone; pools are a handful of people. */
const MAX_HAND_OVER_CANDIDATES = 25;

/** A throttled or unavailable directory is an answer of its own, not a crash. */
async function whenDirectoryAnswers<T>(lookup: Promise<T>): Promise<T | typeof BUSY> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof OutboundCallError && error.retryable) return BUSY;
    throw error;
  }
}

function asRequesterOutcome<Refusal extends string>(result: UpdateResult<Refusal>): RequesterActionOutcome {
  if ('next' in result) return { outcome: 'ok', handoffCase: result.next };
  if ('current' in result) return { outcome: 'notOpen', handoffCase: result.current };
  return { outcome: 'notFound' };
}

function minutesBetween(from: string, to: string | null): number {
  return Math.max(0, (new Date(to ?? from).getTime() - new Date(from).getTime()) / 60_000);
}

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
