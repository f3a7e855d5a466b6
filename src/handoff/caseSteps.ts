import type { InsightEvent } from '../insights/insightEvents';
import type { InsightsSink } from '../insights/insightsRecorder';
import type { CaseRepository, UpdateResult } from './caseRepository';
import type { Clock } from './clock';
import type { HandoffCase, Transition } from './handoffCase';
import { enqueueAll, type HandoffJob, type JobQueue } from './handoffJobs';

/** What a step of a case's life causes once it is saved: jobs for the outbox, and a figure. */
export interface StepEffects {
  readonly jobs: readonly HandoffJob[];
  readonly insight?: InsightEvent;
}

export interface CaseChange {
  readonly previous: HandoffCase;
  readonly next: HandoffCase;
}

/**
 * Every step of a case runs the same way: load the case, apply a pure transition, save it with
 * its etag (retried on a conflict) together with the jobs the step causes (`pendingJobs`), and
 * only then put those jobs in the outbox and take them off the case. No message leaves for a
 * change that was not stored, and no stored change loses its messages: jobs a busy store or a
 * crash kept out of the outbox are queued by the case's next step, by a refused one (Teams
 * re-sending the same Claim finds the case claimed), or by the sweep. Their keys make each once.
 */
export class CaseSteps {
  constructor(
    private readonly cases: CaseRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly insights: InsightsSink,
    /** Told (without the error's text, which may quote a row) when a step's jobs stay on the case for later. */
    private readonly onJobsLeftOnCase: (error: unknown) => void = () => undefined,
  ) {}

  async apply<Refusal extends string>(
    caseId: string,
    transition: (current: HandoffCase, now: Date) => Transition<Refusal>,
    effects: (change: CaseChange) => StepEffects,
  ): Promise<UpdateResult<Refusal>> {
    const now = this.clock.now();
    let insight: InsightEvent | undefined;
    const result = await this.cases.update(caseId, (current): Transition<Refusal> => {
      const outcome = transition(current, now);
      // Checked by shape: TypeScript cannot tell 'ok' from a generic refusal by its name.
      if (!('next' in outcome)) return outcome;
      const caused = effects({ previous: withoutPendingJobs(current), next: withoutPendingJobs(outcome.next) });
      insight = caused.insight;
      return { outcome: 'ok', next: withPendingJobs(outcome.next, [...(current.pendingJobs ?? []), ...caused.jobs]) };
    });
    if (!('next' in result)) {
      if ('current' in result) await this.queueJobsLeftOn(result.current);
      return 'current' in result ? { ...result, current: withoutPendingJobs(result.current) } : result;
    }
    if (insight) this.recordForAdvice(result.next, insight);
    await this.queueJobsLeftOn(result.next);
    return { ...result, previous: withoutPendingJobs(result.previous), next: withoutPendingJobs(result.next) };
  }

  /**
   * Puts the jobs a case still holds in the outbox, then takes them off the case (with its etag). The step itself is
   * saved already: a store that refuses now leaves them on the case for its next step, a refused one, or the sweep.
   */
  async queueJobsLeftOn(handoffCase: HandoffCase): Promise<void> {
    const left = handoffCase.pendingJobs ?? [];
    if (left.length === 0) return;
    try {
      await enqueueAll(this.jobs, left);
      const queued = new Set(left.map((job) => job.key));
      await this.cases.update(handoffCase.id, (current): Transition<'nothingQueued'> => {
        const still = (current.pendingJobs ?? []).filter((job) => !queued.has(job.key));
        if (still.length === (current.pendingJobs ?? []).length) return { outcome: 'nothingQueued' };
        return { outcome: 'ok', next: withPendingJobs(current, still) };
      });
    } catch (error) {
      this.onJobsLeftOnCase(error);
    }
  }

  async enqueue(jobs: readonly HandoffJob[]): Promise<void> {
    await enqueueAll(this.jobs, jobs);
  }

  get queue(): JobQueue {
    return this.jobs;
  }

  /** `personKey` lets the figures count distinct people, so one person's many events never make a cell publishable. */
  record(event: InsightEvent, personKey: string): void {
    this.insights.record(event, this.clock.now(), personKey);
  }

  /** Handoff figures are about advice requests; team dialogues have a count of their own. */
  recordForAdvice(handoffCase: HandoffCase, event: InsightEvent): void {
    if (handoffCase.kind === 'advice') this.insights.record(event, this.clock.now(), handoffCase.requester.personKey);
  }
}

/** The case with these jobs left to queue, each key once (the first wins: a key names one job); none: no field at all. */
function withPendingJobs(handoffCase: HandoffCase, jobs: readonly HandoffJob[]): HandoffCase {
  const rest = withoutPendingJobs(handoffCase);
  const byKey = new Map<string, HandoffJob>();
  for (const job of jobs) if (!byKey.has(job.key)) byKey.set(job.key, job);
  return byKey.size === 0 ? rest : { ...rest, pendingJobs: [...byKey.values()] };
}

/** What callers see of a case: the jobs it holds are the steps' business. */
function withoutPendingJobs(handoffCase: HandoffCase): HandoffCase {
  if (!('pendingJobs' in handoffCase)) return handoffCase;
  const { pendingJobs: _left, ...rest } = handoffCase;
  return rest;
}
