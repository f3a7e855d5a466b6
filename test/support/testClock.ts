import type { Clock } from '../../src/handoff/clock';
import type { CancelTimer, Scheduler } from '../../src/shared/scheduler';

interface TestTimer {
  dueAt: number;
  readonly intervalMs: number | undefined;
  readonly task: () => unknown;
  cancelled: boolean;
}

/**
 * A clock the test moves by hand, for escalation, retention and retry timing. As a scheduler its
 * timers run only when the test moves it with `advanceSecondsRunningTimers`; `advanceMinutes` jumps
 * over them, as time passes for a process that died.
 */
export class TestClock implements Clock, Scheduler {
  private current: Date;
  private readonly timers: TestTimer[] = [];

  constructor(start = '2026-11-24T10:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }

  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60);
  }

  every(intervalMs: number, task: () => unknown): CancelTimer {
    return this.add({ dueAt: this.current.getTime() + intervalMs, intervalMs, task, cancelled: false });
  }

  after(delayMs: number, task: () => unknown): CancelTimer {
    return this.add({ dueAt: this.current.getTime() + delayMs, intervalMs: undefined, task, cancelled: false });
  }

  /** Moves the clock timer by timer, running each one due on the way and waiting for what it started. */
  async advanceSecondsRunningTimers(seconds: number): Promise<void> {
    const until = this.current.getTime() + seconds * 1000;
    for (;;) {
      const next = this.timers.filter((timer) => !timer.cancelled && timer.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next) break;
      this.current = new Date(Math.max(this.current.getTime(), next.dueAt));
      if (next.intervalMs === undefined) next.cancelled = true;
      // A timer the clock jumped over (advanceMinutes) runs once, not once for every interval it missed.
      else next.dueAt = this.current.getTime() + next.intervalMs;
      await next.task();
    }
    this.current = new Date(until);
    this.timers.splice(0, this.timers.length, ...this.timers.filter((timer) => !timer.cancelled));
  }

  private add(timer: TestTimer): CancelTimer {
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
}
