import type { Clock } from './clock';

/**
 * How many relayed messages a case sends one way per minute before the rest of that minute is
 * merged into one message. Counted per instance in memory: with two instances a case may reach
 * twice the limit, which still keeps a flood from becoming a card per message.
 */
export class RelayRateLimit {
  private readonly windows = new Map<string, { readonly window: number; count: number; mergedPart: number }>();

  constructor(
    private readonly clock: Clock,
    readonly perMinute: number,
  ) {}

  /** Counts one message and says how it goes: on its own, or merged with the rest of the minute. */
  take(caseId: string): {
    readonly merge: boolean;
    readonly firstMerged: boolean;
    readonly window: number;
    readonly windowEndsAt: Date;
    /** The minute's merged card this instance merges into now (0 the first), so later messages never go to an earlier card. */
    readonly mergedPart: number;
  } {
    const window = Math.floor(this.clock.now().getTime() / 60_000);
    this.forgetOldWindows(window);
    const current = this.windows.get(caseId);
    const counter = current && current.window === window ? current : { window, count: 0, mergedPart: 0 };
    counter.count += 1;
    this.windows.set(caseId, counter);
    return {
      merge: counter.count > this.perMinute,
      firstMerged: counter.count === this.perMinute + 1,
      window,
      windowEndsAt: new Date((window + 1) * 60_000),
      mergedPart: counter.mergedPart,
    };
  }

  /** The minute's merged card `part` is full: this instance merges into the one after it from now on. */
  mergedCardFull(caseId: string, window: number, part: number): void {
    const counter = this.windows.get(caseId);
    if (counter && counter.window === window && counter.mergedPart <= part) counter.mergedPart = part + 1;
  }

  private forgetOldWindows(window: number): void {
    for (const [caseId, counter] of this.windows) if (counter.window < window) this.windows.delete(caseId);
  }
}
