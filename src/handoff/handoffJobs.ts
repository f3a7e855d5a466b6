import type { AdvisorPool } from './advisorRoster';

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
} as const;
export type HandoffJobKind = (typeof HANDOFF_JOBS)[keyof typeof HANDOFF_JOBS];

export type RequesterUpdate = 'claimed' | 'escalated' | 'closed' | 'expired' | 'advisorMessage';
export type AdvisorUpdate = 'cancelled' | 'closedByRequester' | 'requesterMessage' | 'identityRevealed' | 'followUpReminder';

export interface NotifyAdvisorsJob {
  readonly caseId: string;
  readonly pool: AdvisorPool;
}
export interface CaseJob {
  readonly caseId: string;
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
}

export interface JobQueue {
  enqueue(key: string, kind: string, payload: unknown): Promise<unknown>;
}

/** One job to enqueue: its idempotency key decides that a retried step sends nothing twice. */
export interface HandoffJob {
  readonly key: string;
  readonly kind: HandoffJobKind;
  readonly payload: NotifyAdvisorsJob | CaseJob | NotifyRequesterJob | NotifyClaimingAdvisorJob;
}

/** The jobs a case step can cause, keyed the same way since the first release (delivered keys depend on it). */
export const handoffJob = {
  notifyAdvisors: (caseId: string, pool: AdvisorPool): HandoffJob => ({
    key: `${caseId}:notify`,
    kind: HANDOFF_JOBS.notifyAdvisors,
    payload: { caseId, pool },
  }),
  escalate: (caseId: string): HandoffJob => ({ key: `${caseId}:escalate`, kind: HANDOFF_JOBS.escalate, payload: { caseId } }),
  /** `reason` names the change, so each change refreshes the cards once. */
  refreshAdvisorCards: (caseId: string, reason: string): HandoffJob => ({
    key: `${caseId}:refresh:${reason}`,
    kind: HANDOFF_JOBS.refreshAdvisorCards,
    payload: { caseId },
  }),
  notifyRequester: (caseId: string, update: Exclude<RequesterUpdate, 'advisorMessage'>): HandoffJob => ({
    key: `${caseId}:requester:${update}`,
    kind: HANDOFF_JOBS.notifyRequester,
    payload: { caseId, update },
  }),
  notifyClaimingAdvisor: (caseId: string, update: Exclude<AdvisorUpdate, 'requesterMessage'>, keyName: string = update): HandoffJob => ({
    key: `${caseId}:advisor:${keyName}`,
    kind: HANDOFF_JOBS.notifyClaimingAdvisor,
    payload: { caseId, update },
  }),
  /** A relayed message: one job per Teams message id, so a re-sent message is relayed once. */
  relayToAdvisor: (caseId: string, messageId: string, text: string): HandoffJob => ({
    key: `${caseId}:toAdvisor:${messageId}`,
    kind: HANDOFF_JOBS.notifyClaimingAdvisor,
    payload: { caseId, update: 'requesterMessage', text },
  }),
  relayToRequester: (caseId: string, messageId: string, text: string): HandoffJob => ({
    key: `${caseId}:toRequester:${messageId}`,
    kind: HANDOFF_JOBS.notifyRequester,
    payload: { caseId, update: 'advisorMessage', text },
  }),
};

export async function enqueueAll(queue: JobQueue, jobs: readonly HandoffJob[]): Promise<void> {
  for (const job of jobs) await queue.enqueue(job.key, job.kind, job.payload);
}
