import type { AuditTrail } from '../audit/auditTrail';
import { poolOfCase, type DeployedPools } from './adviserPools';
import { closeForInactivity, inactivityStepFor, markInactivityReminded, type InactivitySettings } from './caseInactivity';
import type { CaseRepository } from './caseRepository';
import type { CaseSteps } from './caseSteps';
import type { ClaimRelease } from './claimRelease';
import type { Clock } from './clock';
import { removeCase } from './caseRemoval';
import { expire, hasFollowUpPending, isFollowUpDayReached, isFollowUpDue, isOpen, markEscalated, markFollowUpReminded, waitingSinceOf, type HandoffCase } from './handoffCase';
import { handoffJob } from './handoffJobs';

export interface SweepSettings extends InactivitySettings {
  readonly escalateAfterMinutes: number;
  readonly escalateUrgentAfterMinutes: number;
  readonly expireAfterDays: number;
  readonly retentionDays: number;
  /** Each pool's own escalation limits for its advice requests; the two above apply to the rest. */
  readonly pools?: DeployedPools;
}

export interface SweepResult {
  readonly escalated: number;
  readonly expired: number;
  readonly purged: number;
  readonly remindersSent: number;
  readonly released: number;
  readonly inactivityReminders: number;
  readonly closedForInactivity: number;
}

/**
 * A request escalates once it has waited its limit; one that became urgent later escalates the
 * shorter time after that moment, or at its first limit if that comes sooner. A case back in the
 * pool waits from its release (a case escalated before its claim stays with the backup group, which
 * its release refreshes, and is not escalated again).
 */
export function isDueForEscalation(
  open: HandoffCase,
  limits: Pick<SweepSettings, 'escalateAfterMinutes' | 'escalateUrgentAfterMinutes'>,
  now: Date,
): boolean {
  const minutesSince = (moment: string) => (now.getTime() - new Date(moment).getTime()) / 60_000;
  const waitingSince = waitingSinceOf(open);
  if (minutesSince(waitingSince) >= limits.escalateAfterMinutes) return true;
  const urgentSince = open.urgentSince && open.urgentSince > waitingSince ? open.urgentSince : waitingSince;
  return open.urgent && minutesSince(urgentSince) >= limits.escalateUrgentAfterMinutes;
}

/**
 * The handoff's background pass, run every minute: give the cases of advisers who left the
 * group back to the pool, escalate requests nobody claimed in time,
 * expire the ones left far too long, remind advisers of claimed cases nothing happens in and
 * close those that stay so, remind advisers of follow-ups, and purge case content once its
 * retention period is over.
 */
export class HandoffSweep {
  constructor(
    private readonly cases: CaseRepository,
    private readonly steps: CaseSteps,
    private readonly claims: ClaimRelease,
    private readonly clock: Clock,
    private readonly settings: SweepSettings,
    private readonly audit: AuditTrail,
  ) {}

  async run(): Promise<SweepResult> {
    await this.queueJobsLeftOnCases();
    const released = await this.releaseCasesOfDepartedAdvisers();
    const { escalated, expired } = await this.escalateOverdue();
    const { inactivityReminders, closedForInactivity } = await this.handleInactiveClaims();
    const purged = await this.purgeClosedCaseContent();
    const remindersSent = await this.sendDueFollowUpReminders();
    await this.cases.purgeRequestMarkers(this.clock.now());
    // Delivered jobs (relayed text, purged cards' payloads) are deleted by the outbox as it goes;
    // this folds what they left in the SQLite WAL into the zeroed database once a minute.
    await this.cases.eraseDeletedResidue();
    return { escalated, expired, purged, remindersSent, released, inactivityReminders, closedForInactivity };
  }

  /**
   * A step saved with jobs that never reached the outbox (the store refused them, or the process died between the
   * two writes) and that no later step or re-sent action came to: its messages go now, also for a case it closed.
   */
  async queueJobsLeftOnCases(): Promise<number> {
    const withJobsLeft = (await this.cases.listAll()).filter((handoffCase) => (handoffCase.pendingJobs?.length ?? 0) > 0);
    for (const handoffCase of withJobsLeft) await this.steps.queueJobsLeftOn(handoffCase);
    return withJobsLeft.length;
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
      // Expiry counts the wait for an adviser, which a release back to the pool starts again.
      const waitedMinutes = (now.getTime() - new Date(waitingSinceOf(open)).getTime()) / 60_000;
      if (waitedMinutes >= this.settings.expireAfterDays * 24 * 60) {
        if ((await this.expire(open)).outcome === 'ok') expired += 1;
        continue;
      }
      const limits = open.kind === 'advice' && this.settings.pools ? poolOfCase(this.settings.pools, open) : this.settings;
      if (open.escalatedAt || !isDueForEscalation(open, limits, now)) continue;
      if ((await this.escalate(open)).outcome === 'ok') escalated += 1;
    }
    return { escalated, expired };
  }

  /**
   * A claimed case nothing happened in for a while: first the adviser is reminded, then it closes
   * as expired (the requester is told if the bot can reach them), so its retention period starts.
   */
  async handleInactiveClaims(): Promise<{ inactivityReminders: number; closedForInactivity: number }> {
    const now = this.clock.now();
    let inactivityReminders = 0;
    let closedForInactivity = 0;
    for (const open of await this.cases.listOpen()) {
      const step = inactivityStepFor(open, now, this.settings);
      if (step === 'remind') {
        const result = await this.steps.apply(
          open.id,
          (current, at) => markInactivityReminded(current, at, this.settings),
          ({ next }) => ({
            // Keyed by the moment, so a case that falls quiet again after new activity is reminded again.
            jobs: [handoffJob.notifyClaimingAdvisor(open.id, 'inactivityReminder', `inactivityReminder:${next.inactivityRemindedAt}`)],
          }),
        );
        if ('next' in result) {
          await this.audit.recordAdviser(result.next.code, result.next.claimedBy!.userId, 'inactivityReminder');
          inactivityReminders += 1;
        }
      } else if (step === 'close') {
        const result = await this.steps.apply(
          open.id,
          (current, at) => closeForInactivity(current, at, this.settings),
          () => ({
            jobs: [
              handoffJob.notifyRequester(open.id, 'closedForInactivity'),
              handoffJob.notifyClaimingAdvisor(open.id, 'closedForInactivity'),
              handoffJob.refreshAdvisorCards(open.id, 'closedForInactivity'),
            ],
            // Counted with the requests that expired: the weekly figures need no finer kind.
            insight: { kind: 'handoffExpired' },
          }),
        );
        if ('next' in result) {
          await this.audit.recordAdviser(result.next.code, result.next.claimedBy!.userId, 'closedForInactivity');
          closedForInactivity += 1;
        }
      }
    }
    return { inactivityReminders, closedForInactivity };
  }

  /**
   * Reminds advisers of the follow-ups they asked for when closing, once, on the day. A step like any other (on the
   * case's etag): the list is read before, and a case another instance forgot or purged meanwhile must stay gone.
   */
  async sendDueFollowUpReminders(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (!isFollowUpDue(handoffCase, now)) continue;
      const result = await this.steps.apply(handoffCase.id, markFollowUpReminded, () => ({
        jobs: [handoffJob.notifyClaimingAdvisor(handoffCase.id, 'followUpReminder', 'followUp')],
      }));
      if ('next' in result) sent += 1;
    }
    for (const { caseId, followUp } of await this.cases.listKeptFollowUps()) {
      if (!isFollowUpDayReached(followUp.on, now)) continue;
      // Queued before the row goes: a sweep stopped between the two queues the same key again, which sends nothing twice.
      await this.steps.enqueue([handoffJob.remindKeptFollowUp(caseId, followUp)]);
      await this.cases.dropKeptFollowUp(caseId);
      sent += 1;
    }
    return sent;
  }

  /**
   * Retention: a case that has been closed (or cancelled, or expired) for the retention period
   * goes completely, with its index rows and the records of posted cards; the cards in
   * advisers' chats are replaced with a purged version. The weekly counters keep the figures.
   */
  async purgeClosedCaseContent(): Promise<number> {
    const cutoff = this.clock.now().getTime() - this.settings.retentionDays * 86_400_000;
    let purged = 0;
    for (const handoffCase of await this.cases.listAll()) {
      if (isOpen(handoffCase)) continue;
      const endedAt = handoffCase.closedAt ?? handoffCase.createdAt;
      if (new Date(endedAt).getTime() > cutoff) continue;
      // Case content kept fewer days than FOLLOW_UP_DAYS: the adviser's follow-up outlives it, holding the code only.
      if (hasFollowUpPending(handoffCase)) {
        await this.cases.keepFollowUp(handoffCase.id, { code: handoffCase.code, advisorUserId: handoffCase.claimedBy!.userId, on: handoffCase.followUpOn! });
      }
      await removeCase(this.cases, this.steps, handoffCase);
      purged += 1;
    }
    if (purged > 0) await this.cases.eraseDeletedResidue();
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
