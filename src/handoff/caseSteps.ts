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
 * Every step of a case runs the same way: load the case, apply a pure transition, save it
 * with its etag (retried on a conflict), and only then enqueue what the step causes, so no
 * message leaves for a change that was not stored.
 */
export class CaseSteps {
  constructor(
    private readonly cases: CaseRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly insights: InsightsSink,
  ) {}

  async apply<Refusal extends string>(
    caseId: string,
    transition: (current: HandoffCase, now: Date) => Transition<Refusal>,
    effects: (change: CaseChange) => StepEffects,
  ): Promise<UpdateResult<Refusal>> {
    const now = this.clock.now();
    const result = await this.cases.update(caseId, (current) => transition(current, now));
    // Checked by shape: TypeScript cannot tell 'ok' from a generic refusal by its name.
    if (!('next' in result)) return result;
    const { jobs, insight } = effects(result);
    if (insight) this.recordForAdvice(result.next, insight);
    await enqueueAll(this.jobs, jobs);
    return result;
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
