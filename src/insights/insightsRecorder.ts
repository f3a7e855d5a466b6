import type { EntityStore } from '../storage/entityStore';
import {
  INSIGHTS_TIME_ZONE,
  countEvent,
  isoWeekOf,
  type EventCounts,
  type InsightEvent,
  type IsoWeek,
} from './insightEvents';

/**
 * Writes insight events as counters: one entity per ISO week in the `insights` table
 * (partition = week, row = "counts"), holding nothing but counter name → count and the
 * time-to-claim histogram. Several bot instances add to the same entity, so every write is a
 * read-modify-replace on the etag, retried on conflict.
 */

export const INSIGHTS_ROW_KEY = 'counts';

/** The stored value, exactly: no text, no ids, no dates (the week is the partition key). */
export interface StoredInsightWeek {
  readonly counts: Readonly<Record<string, number>>;
  readonly minutesToClaim: Readonly<Record<string, number>>;
}

/** Exact counts of one week. Only the report may let figures out of the store, suppressed. */
export interface ExactWeekCounts {
  readonly counts: ReadonlyMap<string, number>;
  readonly minutesToClaim: ReadonlyMap<string, number>;
}

/** What the bot holds. `record` never throws and never waits for storage on the caller's turn. */
export interface InsightsSink {
  record(event: InsightEvent, at: Date): void;
}

/** For deployments or tests that collect no insights. */
export const noInsights: InsightsSink = { record: () => undefined };

export interface InsightsRecorderOptions {
  /** The organisation's time zone, which decides the week an event near midnight falls in. */
  readonly timeZone?: string;
  /** Receives failures the recorder absorbed. Messages hold weeks and numbers only. */
  readonly onError?: (error: Error) => void;
  /** Read-modify-replace attempts per week and flush before the counts wait for the next one. */
  readonly maxAttempts?: number;
}

export interface BufferedInsightsRecorderOptions extends InsightsRecorderOptions {
  readonly flushIntervalMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_FLUSH_INTERVAL_MS = 30_000;

/**
 * Writes each event as it is recorded. Events recorded while a write is under way are merged
 * into the next write, so one instance never races itself; only other instances cause
 * conflicts. The promise from `record` settles when the event is stored (or the failure went
 * to `onError`); it never rejects.
 */
export class InsightsRecorder implements InsightsSink {
  private readonly writer: WeeklyCountWriter;

  constructor(store: EntityStore, options: InsightsRecorderOptions = {}) {
    this.writer = new WeeklyCountWriter(store, options);
  }

  record(event: InsightEvent, at: Date): Promise<void> {
    if (!this.writer.count(event, at)) return Promise.resolve();
    return this.writer.flush();
  }

  /** Retries counts an earlier write could not store. */
  flush(): Promise<void> {
    return this.writer.flush();
  }
}

/**
 * The recorder for the bot: `record` only adds to counts in memory, and a timer writes them
 * every `flushIntervalMs` (default 30 s) in one read-modify-replace per week. `close()` writes
 * what is left, so a graceful shutdown loses nothing; a crash loses at most the counts of the
 * last interval, which the statistics can afford. Counts a write could not store are kept and
 * retried at the next flush.
 */
export class BufferedInsightsRecorder implements InsightsSink {
  private readonly writer: WeeklyCountWriter;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(store: EntityStore, options: BufferedInsightsRecorderOptions = {}) {
    this.writer = new WeeklyCountWriter(store, options);
    this.timer = setInterval(() => void this.writer.flush(), options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    // Statistics must never keep a stopping process alive.
    this.timer.unref();
  }

  record(event: InsightEvent, at: Date): void {
    if (!this.writer.count(event, at)) return;
    // A turn that finishes during shutdown still counts.
    if (this.closed) void this.writer.flush();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Stops the timer and writes what is left; call it before closing the store. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.writer.flush();
    const unwritten = this.writer.pendingEvents();
    if (unwritten > 0) {
      this.writer.reportError(new Error(`Insights: ${unwritten} counted events could not be stored before shutdown`));
    }
  }
}

/** Reads one week's exact counts; a week nobody used reads as empty. */
export async function readInsightWeek(store: EntityStore, week: IsoWeek): Promise<ExactWeekCounts> {
  const stored = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
  const value = sanitiseStoredWeek(stored?.value);
  return { counts: new Map(Object.entries(value.counts)), minutesToClaim: new Map(Object.entries(value.minutesToClaim)) };
}

export type AddCountsOutcome = 'added' | 'gaveUp';

/**
 * Adds counts to a week's entity: insert for a new week, otherwise replace on the etag read,
 * retried on conflict with a short random pause so competing instances spread out. Store
 * failures are thrown.
 */
export async function addCountsToWeek(
  store: EntityStore,
  week: IsoWeek,
  counts: WeekTally,
  maxAttempts: number = DEFAULT_MAX_ATTEMPTS,
): Promise<AddCountsOutcome> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
    if (current === undefined) {
      const inserted = await store.insert('insights', week, INSIGHTS_ROW_KEY, counts.addedTo(sanitiseStoredWeek(undefined)));
      if (inserted === 'inserted') return 'added';
    } else {
      const next = counts.addedTo(sanitiseStoredWeek(current.value));
      const replaced = await store.replace('insights', week, INSIGHTS_ROW_KEY, next, current.etag);
      if (replaced === 'replaced') return 'added';
    }
    if (attempt < maxAttempts) await pause(Math.random() * 10 * attempt);
  }
  return 'gaveUp';
}

/** Counts gathered in memory for one week. */
export class WeekTally {
  private readonly counts = new Map<string, number>();
  private readonly minutesToClaim = new Map<string, number>();
  private events = 0;

  add(eventCounts: EventCounts): void {
    for (const counter of eventCounts.counters) increment(this.counts, counter, 1);
    if (eventCounts.minutesToClaimBucket) increment(this.minutesToClaim, eventCounts.minutesToClaimBucket, 1);
    this.events += 1;
  }

  merge(other: WeekTally): void {
    for (const [counter, count] of other.counts) increment(this.counts, counter, count);
    for (const [bucket, count] of other.minutesToClaim) increment(this.minutesToClaim, bucket, count);
    this.events += other.events;
  }

  get eventCount(): number {
    return this.events;
  }

  addedTo(stored: StoredInsightWeek): StoredInsightWeek {
    const counts = { ...stored.counts };
    for (const [counter, count] of this.counts) counts[counter] = (counts[counter] ?? 0) + count;
    const minutesToClaim = { ...stored.minutesToClaim };
    for (const [bucket, count] of this.minutesToClaim) minutesToClaim[bucket] = (minutesToClaim[bucket] ?? 0) + count;
    return { counts, minutesToClaim };
  }
}

/** Pending counts per week and the one write chain of a recorder instance. */
class WeeklyCountWriter {
  private pending = new Map<IsoWeek, WeekTally>();
  private chain: Promise<void> = Promise.resolve();
  private queuedFlush: Promise<void> | undefined;
  private readonly timeZone: string;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EntityStore,
    private readonly options: InsightsRecorderOptions,
  ) {
    this.timeZone = options.timeZone ?? INSIGHTS_TIME_ZONE;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Adds the event to the pending counts; false when it was rejected (and reported). */
  count(event: InsightEvent, at: Date): boolean {
    try {
      const counting = countEvent(event);
      if (counting.outcome === 'rejected') {
        this.reportError(new Error(`Insights: rejected an event with an invalid ${counting.field}`));
        return false;
      }
      const week = isoWeekOf(at, this.timeZone);
      this.tallyFor(this.pending, week).add(counting.counts);
      return true;
    } catch (error) {
      this.reportError(asError(error));
      return false;
    }
  }

  /** Writes all pending counts. Calls made before a queued flush starts share that flush. */
  flush(): Promise<void> {
    if (this.queuedFlush) return this.queuedFlush;
    const flush = this.chain.then(() => {
      this.queuedFlush = undefined;
      return this.writePending();
    });
    this.queuedFlush = flush;
    this.chain = flush;
    return flush;
  }

  pendingEvents(): number {
    let events = 0;
    for (const tally of this.pending.values()) events += tally.eventCount;
    return events;
  }

  reportError(error: Error): void {
    try {
      this.options.onError?.(error);
    } catch {
      // A failing error handler must not break the bot's turn either.
    }
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    await Promise.all(
      [...batch].map(async ([week, tally]) => {
        try {
          const outcome = await addCountsToWeek(this.store, week, tally, this.maxAttempts);
          if (outcome === 'added') return;
          this.reportError(new Error(`Insights: ${week} stayed in conflict after ${this.maxAttempts} attempts; retrying later`));
        } catch (error) {
          this.reportError(asError(error));
        }
        // Kept for the next flush. A failure after the store applied the write (a timeout, say)
        // counts those events twice; for statistics that beats losing them.
        this.tallyFor(this.pending, week).merge(tally);
      }),
    );
  }

  private tallyFor(tallies: Map<IsoWeek, WeekTally>, week: IsoWeek): WeekTally {
    let tally = tallies.get(week);
    if (!tally) {
      tally = new WeekTally();
      tallies.set(week, tally);
    }
    return tally;
  }
}

/**
 * Keeps only counts (non-negative integers) from a stored value. Counter names a newer bot
 * version added survive a rolling deployment; anything that is not a count is dropped.
 */
function sanitiseStoredWeek(value: unknown): StoredInsightWeek {
  const record = (value ?? {}) as Partial<Record<keyof StoredInsightWeek, unknown>>;
  return { counts: onlyCounts(record.counts), minutesToClaim: onlyCounts(record.minutesToClaim) };
}

function onlyCounts(value: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  if (typeof value !== 'object' || value === null) return counts;
  for (const [name, count] of Object.entries(value)) {
    if (Number.isSafeInteger(count) && (count as number) >= 0) counts[name] = count as number;
  }
  return counts;
}

function increment(counts: Map<string, number>, name: string, by: number): void {
  counts.set(name, (counts.get(name) ?? 0) + by);
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('Insights: unexpected non-error failure');
}
