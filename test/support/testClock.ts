import type { Clock } from '../../src/handoff/clock';

/** A clock the test moves by hand, for escalation, retention and retry timing. */
export class TestClock implements Clock {
  private current: Date;

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
}
