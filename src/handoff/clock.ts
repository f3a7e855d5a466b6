/** Time as a dependency, so escalation, retention and retries can be tested with a test clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
