import type { EntityStore } from '../storage/entityStore';
import type { IsoWeek } from '../shared/calendarDays';
import { INSIGHTS_TIME_ZONE, MINUTES_TO_CLAIM_BUCKETS, countEvent, isoWeekOf, latestClosedWeek, type EventCounts, type InsightEvent } from './insightEvents';
import { WeekTagKeys } from './weekTagKeys';

/**
 * Writes insight events as counters: one entity per ISO week in the `insights` table
 * (partition = week, row = "counts"), holding nothing but counter name → count, the
 * time-to-claim histogram, and per counter a few tags that count distinct people. Several bot
 * instances add to the same entity, so every write is a read-modify-replace on the etag,
 * retried on conflict.
 *
 * Distinct people, without keeping who: a tag is an HMAC of the tag group and the person key
 * under a random key of that week, stored only sealed under a key derived from the person-key
 * secret (`weekTagKeys.ts`). One person's tags differ from counter to counter, so a reader of the
 * table cannot join their labels. A counter keeps at most PEOPLE_TAGS_KEPT tags: the report only
 * needs to know whether at least k distinct people are behind a cell. When the week's key is
 * deleted (a week after the week ended) the tags are replaced by those capped counts
 * (`distinctPeople`), so nothing of a person is left to join.
 *
 * "Forget me" keeps one row per forgotten person in the week's partition (`forgotten:<tag>`), not
 * a list in the counts row: the counts row of a busy week is near Azure Tables' 32 Ki limit already.
 * A week already published (`latestClosedWeek`) is sealed at once instead: its figures stay as
 * published, and the person's link to them goes with everyone's.
 */

export const INSIGHTS_ROW_KEY = 'counts';
/** The most tags a counter keeps; the disclosure threshold k may not exceed it. */
export const PEOPLE_TAGS_KEPT = 20;
const TAG = /^[0-9a-f]{16}$/;

/** The stored value, exactly: no text, no ids, no dates (the week is the partition key). */
export interface StoredInsightWeek {
  readonly counts: Readonly<Record<string, number>>;
  readonly minutesToClaim: Readonly<Record<string, number>>;
  /** Counter (or `minutes:<bucket>`) → up to PEOPLE_TAGS_KEPT distinct-person tags of its tag group. */
  readonly people: Readonly<Record<string, readonly string[]>>;
  /** Marks tags made per tag group; a row without it holds an earlier version's tags, one per person for every counter. */
  readonly tagging?: typeof TAGS_PER_GROUP;
  /**
   * Present once the week is sealed (its key deleted, or its tags of an earlier version folded):
   * counter → distinct people, at most PEOPLE_TAGS_KEPT; `minutes:<bucket>` (a bucket with people)
   * → distinct people claimed within that bucket or a faster one (the union the report needs). No tags are kept
   * or added after that.
   */
  readonly distinctPeople?: Readonly<Record<string, number>>;
  /** An earlier version's list of forgotten tags; read only to seal such a row. */
  readonly forgotten?: readonly string[];
}

const TAGS_PER_GROUP = 'per-group';
/** The row key prefix of a forgotten person's row in the week's partition. */
export const FORGOTTEN_ROW_PREFIX = 'forgotten:';
/** The tag group of the forgotten rows: a tag that appears in no counter. */
export const FORGOTTEN_TAG_GROUP = 'forgotten';

/**
 * The tag group of a counter: its own name, except that the time-to-claim buckets share one,
 * because "claimed within N minutes" counts the distinct people of several buckets together.
 */
export function tagGroupOf(name: string): string {
  return name.startsWith('minutes:') ? 'minutes' : name;
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
   * "Forget me": takes the person's tags out of every week not yet published at `now` whose key
   * still exists, and their key out of the counts not yet written here; a published week is sealed
   * (its tags and key deleted), so its figures stay as published. The counts themselves stay, they
   * name no one. Like `record`, it never rejects.
   */
  forget(personKey: string, now: Date): Promise<void>;
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
const WEEK_MS = 7 * 86_400_000;

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

  forget(personKey: string, now: Date): Promise<void> {
    return this.writer.forget(personKey, now);
  }

  /** Retries counts an earlier write could not store. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  discardKeysDueBy(now: Date): Promise<void> {
    return this.writer.discardKeysDueBy(now);
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

  forget(personKey: string, now: Date): Promise<void> {
    return this.writer.forget(personKey, now);
  }

  /** For the sweep: deletes the week keys due to go, also when nothing was counted since (once a week). */
  discardKeysDueBy(now: Date): Promise<void> {
    return this.writer.discardKeysDueBy(now);
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
  const value = migrated(sanitiseStoredWeek(stored?.value));
  return {
    counts: new Map(Object.entries(value.counts)),
    minutesToClaim: new Map(Object.entries(value.minutesToClaim)),
    people: value.distinctPeople ? placeholderPeople(value.distinctPeople) : new Map(Object.entries(value.people).map(([name, tags]) => [name, new Set(tags)])),
  };
}

/**
 * Stand-ins for a sealed week's counts, in the shape the report counts. A bucket's stand-ins are
 * numbered in the group, so the union of the buckets up to one is that bucket's cumulative count.
 */
function placeholderPeople(distinctPeople: Readonly<Record<string, number>>): Map<string, ReadonlySet<string>> {
  const people = new Map<string, ReadonlySet<string>>();
  for (const [name, count] of Object.entries(distinctPeople)) {
    people.set(name, new Set(Array.from({ length: count }, (_, index) => `${tagGroupOf(name)}#${index}`)));
  }
  return people;
}

/** The week with its tags replaced by their capped distinct counts (see `distinctPeople`). */
function sealed(stored: StoredInsightWeek): StoredInsightWeek {
  const { forgotten: _forgotten, tagging: _tagging, ...rest } = stored;
  if (stored.distinctPeople) return { ...rest, people: {} };
  const distinctPeople: Record<string, number> = {};
  for (const [name, tags] of Object.entries(stored.people)) {
    if (!name.startsWith('minutes:') && tags.length > 0) distinctPeople[name] = Math.min(tags.length, PEOPLE_TAGS_KEPT);
  }
  const claimedWithin = new Set<string>();
  for (const bucket of MINUTES_TO_CLAIM_BUCKETS) {
    const tags = stored.people[`minutes:${bucket}`] ?? [];
    for (const tag of tags) claimedWithin.add(tag);
    if (tags.length > 0) distinctPeople[`minutes:${bucket}`] = Math.min(claimedWithin.size, PEOPLE_TAGS_KEPT);
  }
  return { ...rest, people: {}, distinctPeople };
}

/**
 * Reads a row of an earlier version: its tags (one per person for every counter, joinable) are
 * folded into counts at once; a row without tags just starts tagging per group.
 */
function migrated(stored: StoredInsightWeek): StoredInsightWeek {
  if (stored.distinctPeople || stored.tagging === TAGS_PER_GROUP) return stored;
  const hasTags = Object.values(stored.people).some((tags) => tags.length > 0);
  return hasTags || stored.forgotten ? sealed(stored) : { ...stored, tagging: TAGS_PER_GROUP };
}

/**
 * Takes every tag out of a week's stored counts (read-modify-replace on the etag, retried on conflict);
 * the counts stay. Store failures are thrown.
 */
async function clearTagsOfWeek(store: EntityStore, week: IsoWeek): Promise<'removed' | 'gaveUp'> {
  return rewriteWeek(store, week, (stored) => ({
    ...stored,
    people: Object.fromEntries(Object.keys(stored.people).map((name) => [name, []])),
  }));
}

/**
 * "Forget me" in one week: stores the person's forgotten row first, so an instance that still
 * holds their events in memory (and reads the rows after the counts row) leaves their tags out,
 * then takes their tag out of every counter. The counts row is always rewritten, also when it
 * held none of their tags (or is created when no instance wrote the week yet): its new etag makes
 * a write that read the rows before the forgotten row read them again. Store failures are thrown.
 */
async function forgetPersonInWeek(
  store: EntityStore,
  week: IsoWeek,
  tagOf: (group: string, personKey: string) => string,
  personKey: string,
): Promise<'removed' | 'gaveUp'> {
  await store.upsert('insights', week, `${FORGOTTEN_ROW_PREFIX}${tagOf(FORGOTTEN_TAG_GROUP, personKey)}`, { forgotten: true });
  return rewriteWeek(
    store,
    week,
    (stored) => ({
      ...stored,
      people: Object.fromEntries(Object.entries(stored.people).map(([name, tags]) => [name, tags.filter((kept) => kept !== tagOf(tagGroupOf(name), personKey))])),
    }),
    { createMissing: true, alwaysWrite: true },
  );
}

/**
 * Seals a week whose key is going: its tags become capped distinct counts, so nothing joins one
 * person's labels once the key is gone; the forgotten rows go too. Store failures are thrown.
 */
async function sealWeek(store: EntityStore, week: IsoWeek): Promise<'removed' | 'gaveUp'> {
  const outcome = await rewriteWeek(store, week, sealed);
  if (outcome === 'removed') {
    for (const row of await store.listPartition('insights', week)) {
      if (row.rowKey.startsWith(FORGOTTEN_ROW_PREFIX)) await store.delete('insights', week, row.rowKey);
    }
  }
  return outcome;
}

/** The forgotten tags of a week, read after its counts row (see `forgetPersonInWeek`). */
async function forgottenTagsOf(store: EntityStore, week: IsoWeek): Promise<Set<string>> {
  const rows = await store.listPartition('insights', week);
  return new Set(rows.filter((row) => row.rowKey.startsWith(FORGOTTEN_ROW_PREFIX)).map((row) => row.rowKey.slice(FORGOTTEN_ROW_PREFIX.length)));
}

async function rewriteWeek(
  store: EntityStore,
  week: IsoWeek,
  change: (stored: StoredInsightWeek) => StoredInsightWeek,
  options: { readonly createMissing?: boolean; readonly alwaysWrite?: boolean } = {},
): Promise<'removed' | 'gaveUp'> {
  for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS; attempt++) {
    const current = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
    if (current === undefined) {
      if (!options.createMissing) return 'removed';
      if ((await store.insert('insights', week, INSIGHTS_ROW_KEY, migrated(change(sanitiseStoredWeek(undefined))))) === 'inserted') return 'removed';
    } else {
      const stored = sanitiseStoredWeek(current.value);
      const next = migrated(change(stored));
      if (!options.alwaysWrite && JSON.stringify(next) === JSON.stringify(stored)) return 'removed';
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
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await store.get<StoredInsightWeek>('insights', week, INSIGHTS_ROW_KEY);
    const stored = migrated(sanitiseStoredWeek(current?.value));
    // A sealed week takes counts only: asking for its key would make a new one.
    const tagging = counts.hasPeople && !stored.distinctPeople ? { tagOf: await tagKeys.tagOf(week), forgotten: await forgottenTagsOf(store, week) } : undefined;
    const next = counts.addedTo(stored, tagging);
    if (current === undefined) {
      const inserted = await store.insert('insights', week, INSIGHTS_ROW_KEY, next);
      if (inserted === 'inserted') return 'added';
    } else {
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

  /** Adds the counts, and with `tagging` the people as tags of their groups, leaving out the forgotten. */
  addedTo(stored: StoredInsightWeek, tagging?: { readonly tagOf: (group: string, personKey: string) => string; readonly forgotten: ReadonlySet<string> }): StoredInsightWeek {
    const counts = { ...stored.counts };
    for (const [counter, count] of this.counts) counts[counter] = (counts[counter] ?? 0) + count;
    const minutesToClaim = { ...stored.minutesToClaim };
    for (const [bucket, count] of this.minutesToClaim) minutesToClaim[bucket] = (minutesToClaim[bucket] ?? 0) + count;
    if (!tagging) return { ...stored, counts, minutesToClaim };
    const people: Record<string, readonly string[]> = { ...stored.people };
    for (const [name, keys] of this.people) {
      const tags = new Set(people[name] ?? []);
      for (const key of keys) {
        if (tags.size >= PEOPLE_TAGS_KEPT) break;
        if (!tagging.forgotten.has(tagging.tagOf(FORGOTTEN_TAG_GROUP, key))) tags.add(tagging.tagOf(tagGroupOf(name), key));
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
  forget(personKey: string, now: Date): Promise<void> {
    const forgetting = this.chain.then(async () => {
      for (const tally of this.pending.values()) tally.forget(personKey);
      // Tags under a key kept in the clear cannot be told apart per person; they go with that key.
      await this.dropTagsUnderUnsealedKeys();
      const lastPublished = latestClosedWeek(now, this.timeZone);
      // Another instance may still hold the person's events of a week nobody has written yet (the current one, and on a
      // Monday the one before): its key is made now, so the forgotten row is there before that instance's first write.
      const stillWritten = [isoWeekOf(new Date(now.getTime() - WEEK_MS), this.timeZone), isoWeekOf(now, this.timeZone)].filter((week) => week > lastPublished);
      for (const week of new Set([...(await this.tagKeys.weeksWithKeys()), ...stillWritten])) {
        if (week <= lastPublished) {
          // Taking one person out of a published week would move a cell of k people below k: the
          // lead comparing two cards would learn that one of them asked to be forgotten.
          await this.sealAndDiscardKey(week);
          continue;
        }
        const tagOf = await this.tagKeys.tagOf(week);
        if ((await forgetPersonInWeek(this.store, week, tagOf, personKey)) === 'gaveUp') {
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

  /**
   * Seals the weeks whose keys are due to go, then deletes those keys. A week that stays in
   * conflict keeps its key until the next try, so its tags are never left behind without it.
   */
  private async discardOldTagKeys(currentWeek: IsoWeek): Promise<void> {
    await this.dropTagsUnderUnsealedKeys();
    for (const week of await this.tagKeys.weeksToDiscard(currentWeek)) await this.sealAndDiscardKey(week);
  }

  /** A week that stays in conflict keeps its key until the next try, so its tags are never left behind without it. */
  private async sealAndDiscardKey(week: IsoWeek): Promise<void> {
    if ((await sealWeek(this.store, week)) === 'gaveUp') throw new Error(`Insights: ${week} stayed in conflict while sealing it`);
    await this.tagKeys.discard(week);
  }

  /**
   * For the sweep: deletes the keys due to go also on a bot that counts nothing any more (a flush
   * with nothing to write never gets there). Runs on the write chain; never rejects.
   */
  discardKeysDueBy(now: Date): Promise<void> {
    const currentWeek = isoWeekOf(now, this.timeZone);
    if (currentWeek === this.keysDiscardedBefore) return this.chain;
    const discarding = this.chain.then(async () => {
      await this.discardOldTagKeys(currentWeek);
      this.keysDiscardedBefore = currentWeek;
    });
    this.chain = discarding.catch((error: unknown) => this.reportError(asError(error)));
    return this.chain;
  }

  /**
   * A week whose key an earlier version kept unsealed loses its tags with that key: tags under it
   * mixed with tags under a new one would count one person twice, and a cell would then show with
   * fewer than k people behind it.
   */
  private async dropTagsUnderUnsealedKeys(): Promise<void> {
    for (const week of await this.tagKeys.unsealedWeeks()) {
      if ((await clearTagsOfWeek(this.store, week)) === 'gaveUp') {
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
  const week: StoredInsightWeek = {
    counts: onlyCounts(record.counts),
    minutesToClaim: onlyCounts(record.minutesToClaim),
    people: onlyTags(record.people),
    ...(record.tagging === TAGS_PER_GROUP ? { tagging: TAGS_PER_GROUP } : {}),
    ...(typeof record.distinctPeople === 'object' && record.distinctPeople !== null ? { distinctPeople: cappedCounts(record.distinctPeople) } : {}),
  };
  const forgotten = Array.isArray(record.forgotten) ? [...new Set(record.forgotten.filter((tag): tag is string => typeof tag === 'string' && TAG.test(tag)))] : [];
  return forgotten.length > 0 ? { ...week, forgotten } : week;
}

function cappedCounts(value: unknown): Record<string, number> {
  return Object.fromEntries(Object.entries(onlyCounts(value)).map(([name, count]) => [name, Math.min(count, PEOPLE_TAGS_KEPT)]));
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
