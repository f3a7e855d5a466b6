import type { CaseRepository } from './caseRepository';
import type { CaseSteps } from './caseSteps';
import type { ClaimRelease } from './claimRelease';
import type { Clock } from './clock';
import { expire, isOpen, markEscalated, purgeContent, type HandoffCase } from './handoffCase';
import { handoffJob } from './handoffJobs';

export interface SweepSettings {
  readonly escalateAfterMinutes: number;
  readonly escalateUrgentAfterMinutes: number;
  readonly expireAfterDays: number;
  readonly retentionDays: number;
}

export interface SweepResult {
  readonly escalated: number;
  readonly expired: number;
  readonly purged: number;
  readonly remindersSent: number;
  readonly released: number;
}

/**
 * The handoff's background pass, run every minute: give the cases of advisers who left the
 * group back to the pool, escalate requests nobody claimed in time,
 * expire the ones left far too long, remind advisers of follow-ups, and purge case content
 * once its retention period is over.
 */
export class HandoffSweep {
  constructor(
    private readonly cases: CaseRepository,
    private readonly steps: CaseSteps,
    private readonly claims: ClaimRelease,
    private readonly clock: Clock,
    private readonly settings: SweepSettings,
  ) {}

  async run(): Promise<SweepResult> {
    const released = await this.releaseCasesOfDepartedAdvisers();
    const { escalated, expired } = await this.escalateOverdue();
    const purged = await this.purgeClosedCaseContent();
    const remindersSent = await this.sendDueFollowUpReminders();
    return { escalated, expired, purged, remindersSent, released };
  }

  /** An adviser removed from the group loses their cases at the next membership read. */
  async releaseCasesOfDepartedAdvisers(): Promise<number> {
    let released = 0;
    for (const open of await this.cases.listOpen()) {
      if (open.status === 'claimed' && (await this.claims.releaseIfClaimerLeft(open)).released) released += 1;
    }
    return released;
  }

  async escalateOverdue(): Promise<{ escalated: number; expired: number }> {
    const now = this.clock.now();
    let escalated = 0;
    let expired = 0;
    for (const open of await this.cases.listOpen()) {
      if (open.status === 'claimed') continue;
      const ageMinutes = (now.getTime() - new Date(open.createdAt).getTime()) / 60_000;
      if (ageMinutes >= this.settings.expireAfterDays * 24 * 60) {
        if ((await this.expire(open)).outcome === 'ok') expired += 1;
        continue;
      }
      const limit = open.urgent ? this.settings.escalateUrgentAfterMinutes : this.settings.escalateAfterMinutes;
      if (open.escalatedAt || ageMinutes < limit) continue;
      if ((await this.escalate(open)).outcome === 'ok') escalated += 1;
    }
    return { escalated, expired };
  }

  /** Reminds advisers of the follow-ups they asked for when closing, once, on the day. */
  async sendDueFollowUpReminders(): Promise<number> {
    const today = this.clock.now().toISOString().slice(0, 10);
    let sent = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (handoffCase.status !== 'closed' || !handoffCase.followUpOn || handoffCase.followUpRemindedAt) continue;
      if (handoffCase.followUpOn > today || !handoffCase.claimedBy || handoffCase.claimedBy.userId === 'purged') continue;
      await this.cases.overwrite({ ...handoffCase, followUpRemindedAt: this.clock.now().toISOString() });
      await this.steps.enqueue([handoffJob.notifyClaimingAdvisor(handoffCase.id, 'followUpReminder', 'followUp')]);
      sent += 1;
    }
    return sent;
  }

  /** Retention: case content goes once a case has been closed for the retention period. */
  async purgeClosedCaseContent(): Promise<number> {
    const cutoff = this.clock.now().getTime() - this.settings.retentionDays * 86_400_000;
    let purged = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (isOpen(handoffCase) || !handoffCase.closedAt || handoffCase.requester.personKey === 'purged') continue;
      if (new Date(handoffCase.closedAt).getTime() > cutoff) continue;
      await this.cases.removeFromRequesterIndex(handoffCase.requester.personKey, handoffCase.id);
      await this.cases.overwrite(purgeContent(handoffCase));
      purged += 1;
    }
    return purged;
  }

  private expire(open: HandoffCase) {
    return this.steps.apply(open.id, expire, () => ({
      jobs: [handoffJob.notifyRequester(open.id, 'expired'), handoffJob.refreshAdvisorCards(open.id, 'expired')],
      insight: { kind: 'handoffExpired' },
    }));
  }

  private escalate(open: HandoffCase) {
    return this.steps.apply(open.id, markEscalated, () => ({
      jobs: [
        handoffJob.escalate(open.id),
        // The cards already in advisers' chats say "escalated" too, not only after a refresh.
        handoffJob.refreshAdvisorCards(open.id, 'escalated'),
        handoffJob.notifyRequester(open.id, 'escalated'),
      ],
    }));
  }
}
