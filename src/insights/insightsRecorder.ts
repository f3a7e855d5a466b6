import type { EntityStore } from '../storage/entityStore';
import type { IsoWeek } from '../shared/calendarDays';
import { INSIGHTS_TIME_ZONE, countEvent, isoWeekOf, type EventCounts, type InsightEvent } from './insightEvents';
import { WeekTagKeys } from './weekTagKeys';

/**
 * Writes insight events as counters: one entity per ISO week in the `insights` table
 * (partition = week, row = "counts"), holding nothing but counter name → count, the
 * time-to-claim histogram, and per counter a few tags that count distinct people. Several bot
 * instances add to the same entity, so every write is a read-modify-replace on the etag,
 * retried on conflict.
 *
 * Distinct people, without keeping who: a tag is an HMAC of the person key under a random key
 * of that week, stored only sealed under a key derived from the person-key secret
 * (`weekTagKeys.ts`) and deleted a week after the week ended, so afterwards no tag can be tied to
 * anyone. A counter keeps at most PEOPLE_TAGS_KEPT tags: the report only needs to know whether at
 * least k distinct people are behind a cell.
 */

export const INSIGHTS_ROW_KEY = 'counts';
/** The most tags a counter keeps; the disclosure threshold k may not exceed it. */
export const PEOPLE_TAGS_KEPT = 20;
const TAG = /^[0-9a-f]{16}$/;

/** The stored value, exactly: no text, no ids, no dates (the week is the partition key). */
export interface StoredInsightWeek {
  readonly counts: Readonly<Record<string, number>>;
  readonly minutesToClaim: Readonly<Record<string, number>>;
  /** Counter (or `minutes:<bucket>`) → up to PEOPLE_TAGS_KEPT distinct-person tags. */
  readonly people: Readonly<Record<string, readonly string[]>>;
  /**
   * Tags of people who asked to be forgotten this week. Another instance may still hold their
   * last events in memory; its next write leaves these tags out instead of adding them back.
   * Cleared when the week's key is discarded, after which no tag ties to anyone.
   */
  readonly forgotten?: readonly string[];
}

/** Exact counts of one week. Only the report may let figures out of the store, suppressed. */
export interface ExactWeekCounts {
  readonly counts: ReadonlyMap<string, number>;
  readonly minutesToClaim: ReadonlyMap<string, number>;
  /** Distinct-person tags per counter and per `minutes:<bucket>` (at most PEOPLE_TAGS_KEPT each). */
  readonly people: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * What the bot holds. `record` never throws and never waits for storage on the caller's turn.
 * `personKey` (the pseudonymous key) lets the report count distinct people; it is turned into
 * a week's tag before anything is stored.
 */
export interface InsightsSink {
  record(event: InsightEvent, at: Date, personKey?: string): void;
  /**
   * "Forget me": takes the person's tags out of every week whose key still exists, and their key
   * out of the counts not yet written here; the counts themselves stay, they name no one. Like
   * `record`, it never rejects.
   */
  forget(personKey: string): Promise<void>;
}

export interface InsightsRecorderOptions {
  /** Seals the week keys in storage (32 bytes, derived from the person-key secret: `PersonKeys.derivedKey`). */
  readonly tagKeySealing: Buffer;
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

  constructor(store: EntityStore, options: InsightsRecorderOptions) {
    this.writer = new WeeklyCountWriter(store, options);
  }

  record(event: InsightEvent, at: Date, personKey?: string): Promise<void> {
    if (!this.writer.count(event, at, personKey)) return Promise.resolve();
    return this.writer.flush();
  }

  forget(personKey: string): Promise<void> {
    return this.writer.forget(personKey);
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

  constructor(store: EntityStore, options: BufferedInsightsRecorderOptions) {
    this.writer = new WeeklyCountWriter(store, options);
    this.timer = setInterval(() => void this.writer.flush(), options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    // Statistics must never keep a stopping process alive.
    this.timer.unref();
  }

  record(event: InsightEvent, at: Date, personKey?: string): void {
    if (!this.writer.count(event, at, personKey)) return;
    // A turn that finishes during shutdown still counts.
    if (this.closed) void this.writer.flush();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  forget(personKey: string): Promise<void> {
    return this.writer.forget(personKey);
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
  return {
    counts: new Map(Object.entries(value.counts)),
    minutesToClaim: new Map(Object.entries(value.minutesToClaim)),
    people: new Map(Object.entries(value.people).map(([name, tags]) => [name, new Set(tags)])),
  };
}

/**
 * Takes tags out of a week's stored counts (read-modify-replace on the etag, retried on conflict);
 * the counts stay. Store failures are thrown.
 */
export async function removeTagsFromWeek(store: EntityStore, week: IsoWeek, isRemoved: (tag: string) => boolean): Promise<'removed' | 'gaveUp'> {
  return rewriteWeek(store, week, (stored) => ({
    ...stored,
    people: Object.fromEntries(Object.entries(stored.people).map(([name, tags]) => [name, tags.filter((tag) => !isRemoved(tag))])),
  }));
}

/**
 * Takes a forgotten person's tag out of a week and keeps it on the week's `forgotten` list in the
 * same write, so an instance that still holds their events in memory cannot add it back. The row
 * is created when no instance has written the week yet. Store failures are thrown.
 */
export async function forgetTagInWeek(store: EntityStore, week: IsoWeek, tag: string): Promise<'removed' | 'gaveUp'> {
  return rewriteWeek(
    store,
    week,
    (stored) => ({
      ...stored,
      people: Object.fromEntries(Object.entries(stored.people).map(([name, tags]) => [name, tags.filter((kept) => kept !== tag)])),
      forgotten: [...new Set([...(stored.forgotten ?? []), tag])],
    }),
    { createMissing: true },
  );
}

/** Drops a week's `forgotten` list once its key is gone: its tags then tie to no one. */
export async function clearForgottenInWeek(store: EntityStore, week: IsoWeek): Promise<'removed' | 'gaveUp'> {
  return rewriteWeek(store, week, ({ forgotten: _dropped, ...rest }) => rest);
}

async function rewriteWeek(
  store: EntityStore,
  week: IsoWeek,
  change: (stored: StoredInsightWeek) => StoredInsightWeek,
  options: { readonly createMissing?: boolean } = {},
): Promise<'removed' | 'gaveUp'> {
  for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS; attempt++) {
    const current = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
    if (current === undefined) {
      if (!options.createMissing) return 'removed';
      if ((await store.insert('insights', week, INSIGHTS_ROW_KEY, change(sanitiseStoredWeek(undefined)))) === 'inserted') return 'removed';
    } else {
      const stored = sanitiseStoredWeek(current.value);
      const next = change(stored);
      if (JSON.stringify(next) === JSON.stringify(stored)) return 'removed';
      if ((await store.replace('insights', week, INSIGHTS_ROW_KEY, next, current.etag)) === 'replaced') return 'removed';
    }
    if (attempt < DEFAULT_MAX_ATTEMPTS) await pause(Math.random() * 10 * attempt);
  }
  return 'gaveUp';
}

export type AddCountsOutcome = 'added' | 'gaveUp';

/**
 * Adds counts to a week's entity: insert for a new week, otherwise replace on the etag read,
 * retried on conflict with a short random pause so competing instances spread out. Store
 * failures are thrown.
 */
export async function addCountsToWeek(
  store: EntityStore,
  tagKeys: WeekTagKeys,
  week: IsoWeek,
  counts: WeekTally,
  maxAttempts: number = DEFAULT_MAX_ATTEMPTS,
): Promise<AddCountsOutcome> {
  const tagOf = counts.hasPeople ? await tagKeys.tagOf(week) : () => '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
    if (current === undefined) {
      const inserted = await store.insert('insights', week, INSIGHTS_ROW_KEY, counts.addedTo(sanitiseStoredWeek(undefined), tagOf));
      if (inserted === 'inserted') return 'added';
    } else {
      const next = counts.addedTo(sanitiseStoredWeek(current.value), tagOf);
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
  /** Person keys in memory only, until the next write turns them into the week's tags. */
  private readonly people = new Map<string, Set<string>>();
  private events = 0;

  add(eventCounts: EventCounts, personKey?: string): void {
    for (const counter of eventCounts.counters) {
      increment(this.counts, counter, 1);
      if (personKey) this.addPerson(counter, personKey);
    }
    if (eventCounts.minutesToClaimBucket) {
      increment(this.minutesToClaim, eventCounts.minutesToClaimBucket, 1);
      if (personKey) this.addPerson(`minutes:${eventCounts.minutesToClaimBucket}`, personKey);
    }
    this.events += 1;
  }

  merge(other: WeekTally): void {
    for (const [counter, count] of other.counts) increment(this.counts, counter, count);
    for (const [bucket, count] of other.minutesToClaim) increment(this.minutesToClaim, bucket, count);
    for (const [name, keys] of other.people) for (const key of keys) this.addPerson(name, key);
    this.events += other.events;
  }

  get hasPeople(): boolean {
    return this.people.size > 0;
  }

  /** Leaves the person's key out of the distinct-people tags this tally will write. */
  forget(personKey: string): void {
    for (const keys of this.people.values()) keys.delete(personKey);
  }

  private addPerson(name: string, personKey: string): void {
    let keys = this.people.get(name);
    if (!keys) this.people.set(name, (keys = new Set()));
    keys.add(personKey);
  }

  get eventCount(): number {
    return this.events;
  }

  addedTo(stored: StoredInsightWeek, tagOf: (personKey: string) => string): StoredInsightWeek {
    const counts = { ...stored.counts };
    for (const [counter, count] of this.counts) counts[counter] = (counts[counter] ?? 0) + count;
    const minutesToClaim = { ...stored.minutesToClaim };
    for (const [bucket, count] of this.minutesToClaim) minutesToClaim[bucket] = (minutesToClaim[bucket] ?? 0) + count;
    const people: Record<string, readonly string[]> = { ...stored.people };
    const forgotten = new Set(stored.forgotten ?? []);
    for (const [name, keys] of this.people) {
      const tags = new Set(people[name] ?? []);
      for (const key of keys) {
        if (tags.size >= PEOPLE_TAGS_KEPT) break;
        const tag = tagOf(key);
        if (!forgotten.has(tag)) tags.add(tag);
      }
      people[name] = [...tags];
    }
    return { ...stored, counts, minutesToClaim, people };
  }
}

/** Pending counts per week and the one write chain of a recorder instance. */
class WeeklyCountWriter {
  private pending = new Map<IsoWeek, WeekTally>();
  private chain: Promise<void> = Promise.resolve();
  private queuedFlush: Promise<void> | undefined;
  /** The week whose old tag keys were last discarded: once per week per instance is enough. */
  private keysDiscardedBefore: IsoWeek | undefined;
  private readonly timeZone: string;
  private readonly maxAttempts: number;
  private readonly tagKeys: WeekTagKeys;

  constructor(
    private readonly store: EntityStore,
    private readonly options: InsightsRecorderOptions,
  ) {
    this.timeZone = options.timeZone ?? INSIGHTS_TIME_ZONE;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.tagKeys = new WeekTagKeys(store, options.tagKeySealing);
    // At start, not at the first write: an idle instance would otherwise leave keys an earlier
    // version stored in the clear readable beside their tags.
    this.chain = this.dropTagsUnderUnsealedKeys().catch((error: unknown) => this.reportError(asError(error)));
  }

  /**
   * Runs on the write chain, so no write of this instance adds the person's tags back after it.
   * Never rejects: a failure goes to onError, and the rest of "forget me" goes ahead; tags left
   * behind tie to no one once their week key is deleted.
   */
  forget(personKey: string): Promise<void> {
    const forgetting = this.chain.then(async () => {
      for (const tally of this.pending.values()) tally.forget(personKey);
      // Tags under a key kept in the clear cannot be told apart per person; they go with that key.
      await this.dropTagsUnderUnsealedKeys();
      for (const week of await this.tagKeys.weeksWithKeys()) {
        const tagOf = await this.tagKeys.tagOf(week);
        if ((await forgetTagInWeek(this.store, week, tagOf(personKey))) === 'gaveUp') {
          throw new Error(`Insights: ${week} stayed in conflict while forgetting a person's tags`);
        }
      }
    });
    this.chain = forgetting.catch((error: unknown) => this.reportError(asError(error)));
    return this.chain;
  }

  /** Adds the event to the pending counts; false when it was rejected (and reported). */
  count(event: InsightEvent, at: Date, personKey?: string): boolean {
    try {
      const counting = countEvent(event);
      if (counting.outcome === 'rejected') {
        this.reportError(new Error(`Insights: rejected an event with an invalid ${counting.field}`));
        return false;
      }
      const week = isoWeekOf(at, this.timeZone);
      this.tallyFor(this.pending, week).add(counting.counts, personKey);
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
    const latestWeek = [...batch.keys()].sort().at(-1)!;
    if (latestWeek !== this.keysDiscardedBefore) {
      try {
        await this.discardOldTagKeys(latestWeek);
        this.keysDiscardedBefore = latestWeek;
      } catch (error) {
        this.reportError(asError(error));
      }
    }
    await Promise.all(
      [...batch].map(async ([week, tally]) => {
        try {
          const outcome = await addCountsToWeek(this.store, this.tagKeys, week, tally, this.maxAttempts);
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

  /** Deletes week keys that are no longer needed, and the forgotten lists of their weeks. */
  private async discardOldTagKeys(currentWeek: IsoWeek): Promise<void> {
    await this.dropTagsUnderUnsealedKeys();
    for (const week of await this.tagKeys.discardOld(currentWeek)) await clearForgottenInWeek(this.store, week);
  }

  /**
   * A week whose key an earlier version kept unsealed loses its tags with that key: tags under it
   * mixed with tags under a new one would count one person twice, and a cell would then show with
   * fewer than k people behind it.
   */
  private async dropTagsUnderUnsealedKeys(): Promise<void> {
    for (const week of await this.tagKeys.unsealedWeeks()) {
      if ((await removeTagsFromWeek(this.store, week, () => true)) === 'gaveUp') {
        throw new Error(`Insights: ${week} stayed in conflict while dropping tags under an unsealed key`);
      }
      await this.tagKeys.deleteUnsealed(week);
    }
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
  const week = { counts: onlyCounts(record.counts), minutesToClaim: onlyCounts(record.minutesToClaim), people: onlyTags(record.people) };
  const forgotten = Array.isArray(record.forgotten) ? [...new Set(record.forgotten.filter((tag): tag is string => typeof tag === 'string' && TAG.test(tag)))] : [];
  return forgotten.length > 0 ? { ...week, forgotten } : week;
}

function onlyTags(value: unknown): Record<string, string[]> {
  const people: Record<string, string[]> = {};
  if (typeof value !== 'object' || value === null) return people;
  for (const [name, tags] of Object.entries(value)) {
    if (Array.isArray(tags)) people[name] = [...new Set(tags.filter((tag): tag is string => typeof tag === 'string' && TAG.test(tag)))].slice(0, PEOPLE_TAGS_KEPT);
  }
  return people;
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

/** Exact counts in which every event came from a different person: for sample reports (card previews, tests). */
export function countsFromDistinctPeople(counts: ReadonlyMap<string, number>, minutesToClaim: ReadonlyMap<string, number> = new Map()): ExactWeekCounts {
  const people = new Map<string, ReadonlySet<string>>();
  const tags = (name: string, count: number): Set<string> =>
    new Set(Array.from({ length: Math.min(count, PEOPLE_TAGS_KEPT) }, (_, index) => `${name}#${index}`));
  for (const [name, count] of counts) people.set(name, tags(name, count));
  for (const [bucket, count] of minutesToClaim) people.set(`minutes:${bucket}`, tags(bucket, count));
  return { counts, minutesToClaim, people };
}
