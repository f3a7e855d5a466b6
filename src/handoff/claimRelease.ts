import type { AuditTrail } from '../audit/auditTrail';
import { announcedGroupOf, rosterGroupsForCase, type DeployedPools } from './adviserPools';
import { OutboundCallError } from './advisorPorts';
import type { AdvisorPool, AdvisorRoster } from './advisorRoster';
import type { CaseSteps } from './caseSteps';
import { releaseClaim, type HandoffCase } from './handoffCase';
import { handoffJob } from './handoffJobs';

/**
 * A claimed case must not stay with an adviser who can no longer handle it: removed from the
 * group (membership is read through the roster's short cache), or without a chat the bot can
 * reach (they used "forget me", or never opened the bot). The case goes back to the pool, the
 * other advisers' cards show Claim again, and the requester is told.
 */
export class ClaimRelease {
  /** Pools (by the group they announce to) that read empty at the last check: the log says so once, not at every sweep. */
  private readonly groupsReadEmpty = new Set<AdvisorPool>();

  constructor(
    private readonly steps: CaseSteps,
    private readonly roster: AdvisorRoster,
    private readonly pools: DeployedPools,
    private readonly audit: AuditTrail,
    /** Told (the pool's roster group name, never a case or person) when claims are kept: the pool reads empty, or nobody else could take them. */
    private readonly onPoolWithoutPeople: (group: AdvisorPool) => void = () => undefined,
  ) {}

  async release(caseId: string, claimerUserId: string): Promise<'released' | 'notClaimedByThem'> {
    const result = await this.steps.apply(
      caseId,
      (current, now) => releaseClaim(current, claimerUserId, now),
      ({ next }) => {
        // Each release is a change of its own, so its jobs get keys of their own.
        const release = `released${next.releases ?? 1}`;
        return {
          jobs: [
            handoffJob.refreshAdvisorCards(caseId, 'released', next.releases ?? 1),
            handoffJob.notifyRequester(caseId, 'advisorLeft', `advisorLeft${next.releases ?? 1}`),
            handoffJob.notifyAdvisors(caseId, announcedGroupOf(this.pools, next), release),
          ],
        };
      },
    );
    if (result.outcome !== 'ok') return 'notClaimedByThem';
    await this.audit.recordAdviser(result.next.code, claimerUserId, 'released');
    return 'released';
  }

  /**
   * A claimer who left is released only when their pool's group still has people and someone else
   * could take the case. A group that reads empty for a while (an operator turning it into a dynamic
   * group, a directory sync) says nothing about the claimer having left; releasing then would send
   * every claimed case of the pool away and tell each requester their adviser is gone, even when a
   * backup group could take them. A directory that cannot answer changes nothing.
   */
  async releaseIfClaimerLeft(handoffCase: HandoffCase): Promise<{ readonly released: boolean }> {
    const claimer = handoffCase.claimedBy;
    if (handoffCase.status !== 'claimed' || !claimer || claimer.userId === 'purged') return { released: false };
    const group = announcedGroupOf(this.pools, handoffCase);
    let others: number | 'directoryBusy';
    try {
      if (await this.roster.findMember(rosterGroupsForCase(this.pools, handoffCase), claimer.userId)) return { released: false };
      others = (await this.roster.members(group)).length === 0 ? 0 : await this.othersWhoCouldTake(handoffCase, [claimer.userId]);
    } catch (error) {
      if (error instanceof OutboundCallError) return { released: false };
      throw error;
    }
    if (others === 'directoryBusy') return { released: false };
    if (others === 0) {
      if (!this.groupsReadEmpty.has(group)) this.onPoolWithoutPeople(group);
      this.groupsReadEmpty.add(group);
      return { released: false };
    }
    this.groupsReadEmpty.delete(group);
    return { released: (await this.release(handoffCase.id, claimer.userId)) === 'released' };
  }

  /**
   * How many people could still claim the case: its pool and the pool's backup group (whom
   * escalation reaches), without those the requester moved away from and those named in `besides`.
   */
  async othersWhoCouldTake(handoffCase: HandoffCase, besides: readonly string[]): Promise<number | 'directoryBusy'> {
    const excluded = new Set([...besides, ...(handoffCase.movedAwayFrom ?? [])]);
    const couldTake = new Set<string>();
    try {
      for (const group of rosterGroupsForCase(this.pools, handoffCase)) {
        for (const member of await this.roster.members(group)) if (!excluded.has(member.id)) couldTake.add(member.id);
      }
    } catch (error) {
      if (error instanceof OutboundCallError && error.retryable) return 'directoryBusy';
      throw error;
    }
    return couldTake.size;
  }
}
