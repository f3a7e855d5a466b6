import type { AuditAction, AuditTrail } from '../audit/auditTrail';
import type { AdvisorPool, AdvisorRoster } from './advisorRoster';
import { allAdviserGroups, announcedGroupOf, poolOfCase, rosterGroupsForCase, rosterGroupsOf, type DeployedPools } from './adviserPools';
import { OutboundCallError } from './advisorPorts';
import type { CaseRepository } from './caseRepository';
import { recordAdviserMessage } from './caseInactivity';
import type { CaseChange, CaseSteps, StepEffects } from './caseSteps';
import type { ClaimRelease } from './claimRelease';
import type { DirectoryBusy, NotAnAdvisor, NotFound, WithCase } from './caseOutcomes';
import { asCaseWithColleague, caseAsSeenBy, isOfferedTo, isTakenByColleague, wasMovedAwayFrom, type CaseWithColleague } from './caseVisibility';
import {
  acceptHandOver,
  claim,
  closeByAdvisor,
  declineHandOver,
  FOLLOW_UP_DAYS,
  isOpen,
  isRelayedThroughBot,
  latestOffer,
  offerHandOver,
  withdrawHandOver,
  type Advisor,
  type HandoffCase,
  type OutcomeCategory,
  type Transition,
} from './handoffCase';
import { handoffJob } from './handoffJobs';

export type ClaimOutcome = WithCase<'claimed' | 'alreadyClaimed' | 'notOpen'> | NotAnAdvisor | DirectoryBusy | NotFound;
/** `notOpen`: closed, cancelled or expired already, nothing more to do on it. */
export type AdvisorCaseOutcome = WithCase<'ok' | 'notYourCase' | 'notOpen'> | NotAnAdvisor | DirectoryBusy | NotFound;
/** `noOpenOffer`: the offer the button was drawn for was answered, withdrawn or followed by another; the case stays with the claimer. */
export type WithdrawOutcome = AdvisorCaseOutcome | WithCase<'noOpenOffer'>;
/** `notInPool`: the colleague chosen is not one of the case's pool (or the requester moved away from them). */
export type HandOverOutcome = AdvisorCaseOutcome | WithCase<'notInPool' | 'chooseColleague'>;
/** What `cases` / `zaken` lists: requests nobody has taken, those the adviser took, or both. */
export type OpenCaseFilter = 'all' | 'unclaimed' | 'mine';

/** A refusal the adviser is told as "someone else has it" while the case is open, and "closed" after. */
type NotYoursOrNotOpen = 'notYoursOrNotOpen';
type Told<Refused extends string> = Refused extends NotYoursOrNotOpen ? 'notYourCase' | 'notOpen' : Refused;
type StepOutcome<Refused extends string> = WithCase<'ok' | Told<Refused>> | NotAnAdvisor | DirectoryBusy | NotFound;

/** One adviser action on a case card: a pure transition, what it causes once saved, its audit row, and what each refusal tells the adviser. */
interface AdviserStep<Refusal extends string, Refused extends string> {
  readonly transition: (current: HandoffCase, now: Date, advisor: Advisor) => Transition<Refusal>;
  readonly effects: (change: CaseChange) => StepEffects;
  readonly auditAs: AuditAction;
  /** `ok` for a step made already (Teams re-sends a slow click): the adviser gets the card as it stands. */
  readonly refusals: Readonly<Record<Refusal, Refused>>;
}

const oldestFirst = (a: Pick<HandoffCase, 'createdAt'>, b: Pick<HandoffCase, 'createdAt'>) => a.createdAt.localeCompare(b.createdAt);

/**
 * What advisers do with cases: read, claim, hand over, give back, answer and close them, and list
 * their pools' open requests. Only the people of a case's pool (and its backup) get anywhere, and
 * every card that shows a case's content leaves an audit row first, also when the step was refused.
 */
export class AdviserActions {
  constructor(
    private readonly cases: CaseRepository,
    private readonly steps: CaseSteps,
    private readonly roster: AdvisorRoster,
    private readonly claims: ClaimRelease,
    private readonly pools: DeployedPools,
    private readonly audit: AuditTrail,
    private readonly noteActivity: (caseId: string) => Promise<void>,
  ) {}

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

  /** `cases` / `zaken`: the entries an adviser was shown, each a read of that case. */
  async recordListed(shown: readonly HandoffCase[], advisorUserId: string): Promise<void> {
    for (const handoffCase of shown) await this.auditRead(handoffCase, advisorUserId, 'listed');
  }

  async claimCase(caseId: string, advisorUserId: string): Promise<ClaimOutcome> {
    const result = await this.adviserStep(caseId, advisorUserId, {
      transition: (current, now, advisor) => claim(current, advisor, now),
      effects: ({ next }) => {
        // A case back in the pool is claimed again: each claim tells the requester and refreshes the cards once.
        const claimed = next.releases ? `claimed${next.releases}` : 'claimed';
        return {
          jobs: [handoffJob.notifyRequester(caseId, 'claimed', claimed), handoffJob.refreshAdvisorCards(caseId, 'claimed', next.releases || undefined)],
          // The figures count how fast a request is first answered: a claim after a return to the pool is the same request.
          ...(next.releases ? {} : { insight: { kind: 'handoffClaimed', minutesToClaim: minutesBetween(next.createdAt, next.claimedAt) } as const }),
        };
      },
      auditAs: 'claimed',
      refusals: { alreadyClaimed: 'alreadyClaimed', notOpen: 'notOpen', movedAway: 'alreadyClaimed' },
    });
    if (!('handoffCase' in result)) return result;
    return { outcome: result.outcome === 'ok' ? 'claimed' : result.outcome, handoffCase: result.handoffCase };
  }

  /**
   * The claimer offers the case to a colleague of its pool, who gets a notification and a card
   * to accept or decline; until they accept, the case (and its relay) stays with the claimer.
   */
  async handOverCase(caseId: string, claimerUserId: string, colleagueUserId: string | undefined): Promise<HandOverOutcome> {
    const found = await this.caseForAdvisor(caseId, claimerUserId);
    if ('outcome' in found) return found;
    const { handoffCase } = found;
    if (!colleagueUserId || colleagueUserId === claimerUserId) {
      return { outcome: 'chooseColleague', handoffCase: await this.shownAfterRefusal(handoffCase, claimerUserId) };
    }
    // Members of the case's own pool (whom the card offers), never its backup group: the backup group
    // may claim an escalated case itself, but a forged id of theirs would get a case nobody offered.
    const member = await whenDirectoryAnswers(this.roster.findMember([announcedGroupOf(this.pools, handoffCase)], colleagueUserId));
    if (member === BUSY) return { outcome: 'directoryBusy' };
    if (!member) return { outcome: 'notInPool', handoffCase: await this.shownAfterRefusal(handoffCase, claimerUserId) };
    const colleague: Advisor = { userId: member.id, displayName: member.displayName };
    return this.stepAs(found.advisor, caseId, {
      transition: (current) => offerHandOver(current, claimerUserId, colleague),
      effects: ({ next }) => ({
        jobs: [handoffJob.offerHandOver(caseId, latestOffer(next)), handoffJob.refreshAdvisorCards(caseId, 'offered', latestOffer(next))],
      }),
      auditAs: 'handOverOffered',
      // Teams re-sends a slow Hand over: the same offer again is the same offer.
      refusals: { alreadyOffered: 'ok', movedAway: 'notInPool', toYourself: 'chooseColleague', notClaimedByYou: 'notYoursOrNotOpen' },
    });
  }

  /** The colleague takes the case they were offered: it is theirs now, and so is the relay. */
  async acceptHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviserStep(caseId, advisorUserId, {
      transition: (current, now, advisor) => acceptHandOver(current, advisor, now),
      effects: ({ previous }) => {
        const handOver = `handedOver${latestOffer(previous)}`;
        // The requester learns who has their request now, as when it was first claimed.
        return { jobs: [handoffJob.refreshAdvisorCards(caseId, 'handedOver', latestOffer(previous)), handoffJob.notifyRequester(caseId, 'claimed', handOver)] };
      },
      auditAs: 'handOverAccepted',
      // Teams re-sends a slow Accept: the one who has the case now gets it again, unchanged.
      refusals: { alreadyYours: 'ok', noOfferForYou: 'notYoursOrNotOpen' },
    });
  }

  /** The colleague says no: the claimer keeps the case and is told. */
  async declineHandOver(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    return this.adviserStep(caseId, advisorUserId, {
      transition: (current) => declineHandOver(current, advisorUserId),
      effects: ({ previous }) => {
        const declined = `declined${latestOffer(previous)}`;
        return { jobs: [handoffJob.refreshAdvisorCards(caseId, 'declined', latestOffer(previous)), handoffJob.notifyClaimingAdvisor(caseId, 'handOverDeclined', declined)] };
      },
      auditAs: 'handOverDeclined',
      refusals: { noOfferForYou: 'notYoursOrNotOpen' },
    });
  }

  /**
   * The claimer withdraws an offer nobody answered: the case stays theirs, and the colleague's card
   * loses Take over (a late Take over is told the case is not offered to them any more).
   */
  async withdrawHandOver(caseId: string, advisorUserId: string, offer: number): Promise<WithdrawOutcome> {
    return this.adviserStep(caseId, advisorUserId, {
      transition: (current) => withdrawHandOver(current, advisorUserId, offer),
      effects: ({ previous }) => ({ jobs: [handoffJob.refreshAdvisorCards(caseId, 'withdrawn', latestOffer(previous))] }),
      auditAs: 'handOverWithdrawn',
      // Teams re-sends a slow Withdraw, the colleague declined a moment before, or the button is from an older offer.
      refusals: { noOpenOffer: 'noOpenOffer', notClaimedByYou: 'notYoursOrNotOpen' },
    });
  }

  /** The claimer gives the case back to the pool: every adviser of the pool can claim it again. */
  async releaseToPool(caseId: string, advisorUserId: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    // Its own transition and audit row (claimRelease.ts): an adviser who left the group is released the same way.
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
    followUp: boolean,
  ): Promise<AdvisorCaseOutcome> {
    const followUpOn = (now: Date) => (followUp ? new Date(now.getTime() + FOLLOW_UP_DAYS * 86_400_000).toISOString().slice(0, 10) : null);
    return this.adviserStep(caseId, advisorUserId, {
      transition: (current, now) => closeByAdvisor(current, advisorUserId, outcome, followUpOn(now), now),
      effects: ({ previous }) => ({
        jobs: [
          // A requester who ended the conversation themselves has been told already.
          ...(previous.status !== 'closed' ? [handoffJob.notifyRequester(caseId, 'closed')] : []),
          handoffJob.refreshAdvisorCards(caseId, 'closedByAdvisor'),
        ],
        insight: { kind: 'caseClosed', outcome },
      }),
      auditAs: 'closed',
      refusals: { closedByYouAlready: 'ok', alreadyClosed: 'notOpen', notClaimedByYou: 'notYourCase' },
    });
  }

  async relayFromAdvisor(caseId: string, advisorUserId: string, messageId: string, text: string): Promise<AdvisorCaseOutcome> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    const { handoffCase } = found;
    if (!isOpen(handoffCase) || handoffCase.status !== 'claimed' || handoffCase.claimedBy?.userId !== advisorUserId || !isRelayedThroughBot(handoffCase)) {
      return { outcome: isOpen(handoffCase) ? 'notYourCase' : 'notOpen', handoffCase: await this.shownAfterRefusal(handoffCase, advisorUserId) };
    }
    await this.audit.recordAdviser(handoffCase.code, advisorUserId, 'messageSent');
    await this.steps.apply(caseId, recordAdviserMessage, () => ({ jobs: [] }));
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

  /** Whether someone belongs to any adviser pool or its backup (team-dialogue people are not asked). */
  async isAdviser(userId: string): Promise<boolean> {
    return Boolean(await this.roster.findMember(allAdviserGroups(this.pools), userId));
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

  /** A step on a case card by one of its pool's people: the case is read only once they are known to be one. */
  private async adviserStep<Refusal extends string, Refused extends string>(
    caseId: string,
    advisorUserId: string,
    step: AdviserStep<Refusal, Refused>,
  ): Promise<StepOutcome<Refused>> {
    const found = await this.caseForAdvisor(caseId, advisorUserId);
    if ('outcome' in found) return found;
    return this.stepAs(found.advisor, caseId, step);
  }

  /** The step saved with the case's etag and its audit row written, or the refusal with the card as this adviser may see it. */
  private async stepAs<Refusal extends string, Refused extends string>(
    advisor: Advisor,
    caseId: string,
    step: AdviserStep<Refusal, Refused>,
  ): Promise<StepOutcome<Refused>> {
    const result = await this.steps.apply(caseId, (current, now) => step.transition(current, now, advisor), step.effects);
    if ('next' in result) {
      await this.audit.recordAdviser(result.next.code, advisor.userId, step.auditAs);
      return { outcome: 'ok', handoffCase: caseAsSeenBy(result.next, advisor.userId) };
    }
    if (!('current' in result)) return { outcome: 'notFound' };
    const refused: Refused = step.refusals[result.outcome];
    const outcome = (refused === 'notYoursOrNotOpen' ? (isOpen(result.current) ? 'notYourCase' : 'notOpen') : refused) as Told<Refused>;
    return { outcome, handoffCase: await this.shownAfterRefusal(result.current, advisor.userId) };
  }

  /** A refused step still draws the case card: what it shows is a read like any other. */
  private async shownAfterRefusal(current: HandoffCase, advisorUserId: string): Promise<HandoffCase> {
    await this.auditRead(current, advisorUserId, 'viewed');
    return caseAsSeenBy(current, advisorUserId);
  }

  /**
   * Every read of a case's content by an adviser leaves an audit row before they see it; a
   * colleague's claimed case shows only its code and status, which is no read of the case.
   */
  private async auditRead(handoffCase: HandoffCase, advisorUserId: string, action: AuditAction): Promise<void> {
    if (!isTakenByColleague(handoffCase, advisorUserId)) await this.audit.recordAdviser(handoffCase.code, advisorUserId, action);
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

function minutesBetween(from: string, to: string | null): number {
  return Math.max(0, (new Date(to ?? from).getTime() - new Date(from).getTime()) / 60_000);
}
