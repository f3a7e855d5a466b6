import type { AuditTrail } from '../audit/auditTrail';
import { announcedGroupOf, rosterGroupsForCase, type DeployedPools } from './adviserPools';
import { OutboundCallError } from './advisorPorts';
import type { AdvisorRoster } from './advisorRoster';
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
  constructor(
    private readonly steps: CaseSteps,
    private readonly roster: AdvisorRoster,
    private readonly pools: DeployedPools,
    private readonly audit: AuditTrail,
  ) {}

  async release(caseId: string, claimerUserId: string): Promise<'released' | 'notClaimedByThem'> {
    const result = await this.steps.apply(
      caseId,
      (current) => releaseClaim(current, claimerUserId),
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

  /** Returns the case as it stands after the check; a directory that cannot answer changes nothing. */
  async releaseIfClaimerLeft(handoffCase: HandoffCase): Promise<{ readonly released: boolean }> {
    const claimer = handoffCase.claimedBy;
    if (handoffCase.status !== 'claimed' || !claimer || claimer.userId === 'purged') return { released: false };
    let stillMember: boolean;
    try {
      stillMember = Boolean(await this.roster.findMember(rosterGroupsForCase(this.pools, handoffCase), claimer.userId));
    } catch (error) {
      if (error instanceof OutboundCallError) return { released: false };
      throw error;
    }
    if (stillMember) return { released: false };
    return { released: (await this.release(handoffCase.id, claimer.userId)) === 'released' };
  }
}
