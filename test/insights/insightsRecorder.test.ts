import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COUNTER_NAMES, MINUTES_TO_CLAIM_BUCKETS, MINUTES_TO_CLAIM_EDGES, type InsightEvent } from '../../src/insights/insightEvents';
import { buildInsightsReport } from '../../src/insights/insightsReport';
import type { IsoWeek } from '../../src/shared/calendarDays';
import {
  BufferedInsightsRecorder,
  INSIGHTS_ROW_KEY,
  InsightsRecorder,
  addCountsToWeek,
  readInsightWeek,
  WeekTally,
  type StoredInsightWeek,
} from '../../src/insights/insightsRecorder';
import type { EntityStore, TableName } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { SEALED_KEYS_PARTITION, UNSEALED_KEYS_PARTITION, WeekTagKeys } from '../../src/insights/weekTagKeys';
import { TAG_KEY_SEALING } from '../support/insightsTagKeys';
import {
  PROGRAMME_QUARTER_START_MINUTES_TO_CLAIM,
  PROGRAMME_QUARTER_START_TOTALS,
  onDay,
  programmeQuarterStart,
} from './scriptedConversations';

let directory: string;

beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'insights-recorder-'));
});

afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

function sqlitePath(): string {
  return path.join(directory, 'bot.sqlite');
}

async function totalsOver(store: EntityStore, weeks: IsoWeek[]): Promise<{ counts: Record<string, number>; minutesToClaim: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const minutesToClaim: Record<string, number> = {};
  for (const week of weeks) {
    const exact = await readInsightWeek(store, week);
    for (const [name, count] of exact.counts) counts[name] = (counts[name] ?? 0) + count;
    for (const [bucket, count] of exact.minutesToClaim) minutesToClaim[bucket] = (minutesToClaim[bucket] ?? 0) + count;
  }
  return { counts, minutesToClaim };
}

const QUARTER_START_WEEKS: IsoWeek[] = ['2026-W02', '2026-W03', '2026-W04'];

/** Two instances' recorders on one store: one still holding a person's events in memory, one where they say "forget me". */
function twoInstancesOnOneStore(): { store: SqliteEntityStore; holding: BufferedInsightsRecorder; forgetting: BufferedInsightsRecorder } {
  const store = new SqliteEntityStore(sqlitePath());
  const recorder = () => new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 60_000 });
  return { store, holding: recorder(), forgetting: recorder() };
}

describe('InsightsRecorder', () => {
  it('adds up a scripted set of conversations exactly, per ISO week', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });

    for (const { event, at } of programmeQuarterStart()) await recorder.record(event, at);

    const totals = await totalsOver(store, QUARTER_START_WEEKS);
    expect(totals.counts).toEqual(PROGRAMME_QUARTER_START_TOTALS);
    expect(totals.minutesToClaim).toEqual(PROGRAMME_QUARTER_START_MINUTES_TO_CLAIM);
    // Week 2 (5–11 January) alone: bullying on five days.
    expect((await readInsightWeek(store, '2026-W02')).counts.get('topic:bullying')).toBe(5);
    await store.close();
  });

  it('files an event by the week in Amsterdam, not in UTC', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });

    // Sunday 4 January 23:30 UTC is Monday 5 January 00:30 in Amsterdam: week 2, not week 1.
    await recorder.record({ kind: 'urgentRouteShown' }, new Date('2026-01-04T23:30:00Z'));

    expect((await readInsightWeek(store, '2026-W02')).counts.get('urgent-route:shown')).toBe(1);
    expect((await readInsightWeek(store, '2026-W01')).counts.size).toBe(0);
    await store.close();
  });

  it('counts exactly when two recorders share one store and record at the same time', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const shared = failingStore(store);
    const first = new InsightsRecorder(shared, { tagKeySealing: TAG_KEY_SEALING });
    const second = new InsightsRecorder(shared, { tagKeySealing: TAG_KEY_SEALING });
    const script = programmeQuarterStart();

    // Every event is recorded twice, once per instance, all at once.
    await Promise.all(script.flatMap(({ event, at }) => [first.record(event, at), second.record(event, at)]));

    expect(shared.conflicts + shared.lostInserts).toBeGreaterThan(0);
    const totals = await totalsOver(store, QUARTER_START_WEEKS);
    expect(totals.counts).toEqual(doubled(PROGRAMME_QUARTER_START_TOTALS));
    expect(totals.minutesToClaim).toEqual(doubled(PROGRAMME_QUARTER_START_MINUTES_TO_CLAIM));
    await store.close();
  });

  it('counts exactly when two processes open the same SQLite file', async () => {
    const firstProcess = new SqliteEntityStore(sqlitePath());
    const secondProcess = new SqliteEntityStore(sqlitePath());
    const first = new InsightsRecorder(firstProcess, { tagKeySealing: TAG_KEY_SEALING });
    const second = new InsightsRecorder(secondProcess, { tagKeySealing: TAG_KEY_SEALING });
    const at = onDay('2026-01-07');

    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 === 0 ? first : second).record({ kind: 'intent', intent: 'guidance' }, at),
      ),
    );

    expect((await readInsightWeek(firstProcess, '2026-W02')).counts.get('intent:guidance')).toBe(40);
    await firstProcess.close();
    await secondProcess.close();
  });

  it('never throws into the turn: a failing store goes to onError and the counts are retried later', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const flaky = failingStore(store);
    const errors: Error[] = [];
    const recorder = new InsightsRecorder(flaky, { tagKeySealing: TAG_KEY_SEALING, onError: (error) => errors.push(error) });

    flaky.failing = true;
    await expect(recorder.record({ kind: 'dialogueRequested' }, onDay('2026-01-07'))).resolves.toBeUndefined();
    expect(errors.map((error) => error.message)).toEqual(['store unavailable']);

    flaky.failing = false;
    await recorder.record({ kind: 'dialogueRequested' }, onDay('2026-01-08'));

    expect((await readInsightWeek(store, '2026-W02')).counts.get('dialogue:requested')).toBe(2);
    await store.close();
  });

  it('gives up after a bounded number of conflicts, reports it, and keeps the counts', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await store.insert('insights', '2026-W02', INSIGHTS_ROW_KEY, { counts: {}, minutesToClaim: {} });
    const contested = failingStore(store);
    contested.alwaysConflict = true;
    const errors: string[] = [];
    const recorder = new InsightsRecorder(contested, { tagKeySealing: TAG_KEY_SEALING, maxAttempts: 3, onError: (error) => errors.push(error.message) });

    await recorder.record({ kind: 'handoffExpired' }, onDay('2026-01-07'));

    expect(contested.replaceCalls).toBe(3);
    expect(errors).toEqual(['Insights: 2026-W02 stayed in conflict after 3 attempts; retrying later']);
    contested.alwaysConflict = false;
    await recorder.flush();
    expect((await readInsightWeek(store, '2026-W02')).counts.get('handoff:expired')).toBe(1);
    await store.close();
  });

  it('refuses a value outside the vocabulary without storing it or echoing it', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const errors: string[] = [];
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, onError: (error) => errors.push(error.message) });
    const leakedText = 'my manager Jan keeps shouting at me';

    await recorder.record({ kind: 'guidanceFeedback', helpful: true, topic: leakedText } as unknown as InsightEvent, onDay('2026-01-07'));
    await recorder.record({ kind: 'handoffClaimed', minutesToClaim: Number.NaN }, onDay('2026-01-07'));
    await recorder.record({ kind: leakedText } as unknown as InsightEvent, onDay('2026-01-07'));

    expect(errors).toEqual([
      'Insights: rejected an event with an invalid topic',
      'Insights: rejected an event with an invalid minutesToClaim',
      'Insights: rejected an event with an invalid kind',
    ]);
    expect(await store.get('insights', '2026-W02', INSIGHTS_ROW_KEY)).toBeUndefined();
    await store.close();
  });

  it('keeps counters it does not know (a newer bot version) and drops anything that is not a count', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await store.insert('insights', '2026-W02', INSIGHTS_ROW_KEY, {
      counts: { 'intent:help': 2, 'intent:future-intent': 3, 'intent:guidance': 'seven', note: -1 },
      minutesToClaim: {},
      stray: 'free text',
    });
    const tally = new WeekTally();
    tally.add({ counters: ['intent:help'] });

    await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), '2026-W02', tally);

    expect((await store.get<StoredInsightWeek>('insights', '2026-W02', INSIGHTS_ROW_KEY))?.value).toEqual({
      counts: { 'intent:help': 3, 'intent:future-intent': 3 },
      minutesToClaim: {},
      people: {},
      // A row without tags (an earlier version's) simply starts tagging per group.
      tagging: 'per-group',
    });
    await store.close();
  });
});

describe('the week tag keys', () => {
  it('stores the week key only sealed: the tags cannot be recomputed from the stored row, and another secret does not open it', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    await recorder.record({ kind: 'intent', intent: 'help' }, onDay('2026-01-07'), 'person-key-a');

    const [sealedRow] = await store.listPartition<{ sealed: string }>('insights', SEALED_KEYS_PARTITION);
    const storedTags = (await readInsightWeek(store, '2026-W02')).people.get('intent:help')!;
    const asKey = (bytes: Buffer | string): string => createHmac('sha256', bytes).update('intent:help\nperson-key-a').digest('hex').slice(0, 16);
    const sealed = Buffer.from(sealedRow!.value.sealed, 'base64');
    // Whatever a reader takes from the row as the key, no tag comes out.
    for (const candidate of [sealedRow!.value.sealed, sealed, sealed.subarray(28), sealed.subarray(12)]) expect(storedTags.has(asKey(candidate))).toBe(false);
    expect(await store.listPartition('insights', UNSEALED_KEYS_PARTITION)).toEqual([]);
    expect(storedTags.size).toBe(1);

    // An instance with another secret (rotated) replaces the key instead of reading it.
    const rotated = new WeekTagKeys(store, randomBytes(32));
    const rotatedTag = (await rotated.tagOf('2026-W02'))('intent:help', 'person-key-a');
    expect(storedTags.has(rotatedTag)).toBe(false);
    await store.close();
  });

  it('forgets a person: their tags leave every week not yet published, the counts stay, and other people\'s tags stay', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 60_000 });
    recorder.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-07'), 'person-key-a');
    recorder.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-07'), 'person-key-b');
    recorder.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-13'), 'person-key-a');
    await recorder.flush();
    // Counted, not yet written, then forgotten: the pending tags go as well.
    recorder.record({ kind: 'intent', intent: 'help' }, onDay('2026-01-13'), 'person-key-a');

    // Monday 12 January: week 2 has ended but is not published before the Tuesday.
    await recorder.forget('person-key-a', onDay('2026-01-12'));
    await recorder.close();

    const lastWeek = await readInsightWeek(store, '2026-W02');
    const thisWeek = await readInsightWeek(store, '2026-W03');
    expect(lastWeek.counts.get('intent:talk')).toBe(2);
    expect(lastWeek.people.get('intent:talk')?.size).toBe(1);
    expect(thisWeek.counts.get('intent:talk')).toBe(1);
    expect(thisWeek.counts.get('intent:help')).toBe(1);
    expect(thisWeek.people.get('intent:talk')?.size ?? 0).toBe(0);
    expect(thisWeek.people.get('intent:help')?.size ?? 0).toBe(0);
    await store.close();
  });

  it('leaves a forgotten person\'s tags out of what another instance still held in memory and writes after the "forget me"', async () => {
    const { store, holding, forgetting } = twoInstancesOnOneStore();
    holding.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-13'), 'person-key-b');
    await holding.flush();
    // Counted on one instance, not written yet, while the person says "forget me" on the other.
    holding.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-14'), 'person-key-a');
    holding.record({ kind: 'intent', intent: 'help' }, onDay('2026-01-14'), 'person-key-a');
    await forgetting.forget('person-key-a', onDay('2026-01-14'));
    await holding.close();
    await forgetting.close();

    const week = await readInsightWeek(store, '2026-W03');
    expect(week.counts.get('intent:talk')).toBe(2);
    expect(week.counts.get('intent:help')).toBe(1);
    expect(week.people.get('intent:talk')?.size).toBe(1);
    expect(week.people.get('intent:help')?.size ?? 0).toBe(0);
    await store.close();
  });

  it('leaves them out also in a week no instance has written yet: the current week, and on a Monday the week before', async () => {
    const { store, holding, forgetting } = twoInstancesOnOneStore();
    // Sunday evening and Monday morning, both still unwritten; "forget me" on the Monday, on the other instance.
    holding.record({ kind: 'intent', intent: 'talk' }, new Date('2026-01-11T20:00:00Z'), 'person-key-a');
    holding.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-12'), 'person-key-a');
    await forgetting.forget('person-key-a', onDay('2026-01-12'));
    await holding.close();
    await forgetting.close();
    for (const week of ['2026-W02', '2026-W03'] as const) {
      const counted = await readInsightWeek(store, week);
      expect(counted.counts.get('intent:talk')).toBe(1);
      expect(counted.people.get('intent:talk')?.size ?? 0).toBe(0);
    }
    await store.close();
  });

  it('forgets a person in a published week by sealing it: its figures stay as published, the key and every tag go', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    for (const person of ['a', 'b', 'c', 'd', 'e']) await recorder.record({ kind: 'intent', intent: 'help' }, onDay('2026-01-07'), `person-key-${person}`);
    await recorder.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-13'), 'person-key-e');
    const report = () => buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-11', now: onDay('2026-01-14') });
    const published = await report();
    expect(published.weeks[0]!.counts['intent:help']).toBe(5);

    // Tuesday 13 January: week 2 is published, week 3 is not.
    await recorder.forget('person-key-e', onDay('2026-01-13'));

    expect(await report()).toEqual(published);
    const weekTwo = (await store.get<StoredInsightWeek>('insights', '2026-W02', INSIGHTS_ROW_KEY))!.value;
    expect(weekTwo.people).toEqual({});
    expect(weekTwo.distinctPeople).toEqual({ 'intent:help': 5 });
    expect((await store.listPartition('insights', '2026-W02')).map((row) => row.rowKey)).toEqual([INSIGHTS_ROW_KEY]);
    expect((await store.listPartition('insights', SEALED_KEYS_PARTITION)).map((row) => row.rowKey)).toEqual(['2026-W03']);
    // The week still open loses the person's tag, not the week's other tags.
    expect((await readInsightWeek(store, '2026-W03')).people.get('intent:talk')?.size ?? 0).toBe(0);
    expect((await readInsightWeek(store, '2026-W03')).counts.get('intent:talk')).toBe(1);
    await store.close();
  });

  it('forgets without rejecting when the store fails: the failure is reported, so the rest of "forget me" goes ahead', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const flaky = failingStore(store);
    const errors: Error[] = [];
    const recorder = new InsightsRecorder(flaky, { tagKeySealing: TAG_KEY_SEALING, onError: (error) => errors.push(error) });
    await recorder.record({ kind: 'intent', intent: 'talk' }, onDay('2026-01-07'), 'person-key-a');

    flaky.failing = true;
    await expect(recorder.forget('person-key-a', onDay('2026-01-07'))).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    flaky.failing = false;
    await recorder.forget('person-key-a', onDay('2026-01-07'));
    expect((await readInsightWeek(store, '2026-W02')).people.get('intent:talk')?.size ?? 0).toBe(0);
    await store.close();
  });

  it('deletes a week key an earlier version stored in the clear, with the tags made under it, before writing new ones', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await store.insert('insights', UNSEALED_KEYS_PARTITION, '2026-W02', { key: 'a'.repeat(64) });
    await store.insert('insights', '2026-W02', INSIGHTS_ROW_KEY, { counts: { 'intent:help': 3 }, minutesToClaim: {}, people: { 'intent:help': ['0123456789abcdef', 'fedcba9876543210'] } });
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });

    await recorder.record({ kind: 'intent', intent: 'help' }, onDay('2026-01-07'), 'person-key-a');

    expect(await store.listPartition('insights', UNSEALED_KEYS_PARTITION)).toEqual([]);
    const week = await readInsightWeek(store, '2026-W02');
    expect(week.counts.get('intent:help')).toBe(4);
    expect([...week.people.get('intent:help')!]).toEqual([(await new WeekTagKeys(store, TAG_KEY_SEALING).tagOf('2026-W02'))('intent:help', 'person-key-a')]);
    await store.close();
  });

  it('uses the key stored now, not one this instance opened before another replaced or discarded it', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const first = new WeekTagKeys(store, TAG_KEY_SEALING);
    const second = new WeekTagKeys(store, TAG_KEY_SEALING);
    const before = (await first.tagOf('2026-W02'))('intent:help', 'person-key-a');

    // The second instance discards the week's key, and a new one is made for it.
    expect(await second.discardOld('2026-W10')).toEqual(['2026-W02']);
    const after = (await second.tagOf('2026-W02'))('intent:help', 'person-key-a');

    expect(after).not.toBe(before);
    expect((await first.tagOf('2026-W02'))('intent:help', 'person-key-a')).toBe(after);
    await store.close();
  });

  it('deletes a week key an earlier version stored in the clear, with its tags, at start: an idle instance leaves none behind', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await store.insert('insights', UNSEALED_KEYS_PARTITION, '2026-W02', { key: 'a'.repeat(64) });
    await store.insert('insights', '2026-W02', INSIGHTS_ROW_KEY, { counts: { 'intent:help': 3 }, minutesToClaim: {}, people: { 'intent:help': ['0123456789abcdef'] } });
    const recorder = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 60_000 });

    // Nothing counted: the flush has nothing to write.
    await recorder.flush();

    expect(await store.listPartition('insights', UNSEALED_KEYS_PARTITION)).toEqual([]);
    const week = await readInsightWeek(store, '2026-W02');
    expect(week.counts.get('intent:help')).toBe(3);
    expect(week.people.get('intent:help')?.size ?? 0).toBe(0);
    await recorder.close();
    await store.close();
  });
});

describe('BufferedInsightsRecorder', () => {
  it('keeps counts in memory until the interval and loses nothing on close', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 60_000 });

    for (const { event, at } of programmeQuarterStart()) recorder.record(event, at);
    expect(await store.get('insights', '2026-W02', INSIGHTS_ROW_KEY)).toBeUndefined();

    await recorder.close();
    const totals = await totalsOver(store, QUARTER_START_WEEKS);
    expect(totals.counts).toEqual(PROGRAMME_QUARTER_START_TOTALS);
    await store.close();
  });

  it('writes on its interval, one write per week however many events', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const counting = failingStore(store);
    const recorder = new BufferedInsightsRecorder(counting, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 25 });
    const at = onDay('2026-01-14');

    for (let index = 0; index < 500; index++) recorder.record({ kind: 'intent', intent: 'help' }, at);
    await waitUntil(async () => (await readInsightWeek(store, '2026-W03')).counts.get('intent:help') === 500);

    expect(counting.insertCalls + counting.replaceCalls).toBe(1);
    await recorder.close();
    await store.close();
  });

  it('sums exactly with two instances flushing concurrently into one store', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const first = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 5 });
    const second = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, flushIntervalMs: 5 });
    const script = programmeQuarterStart();

    for (let round = 0; round < 5; round++) {
      script.forEach(({ event, at }, index) => (index % 2 === round % 2 ? first : second).record(event, at));
      await new Promise((resolve) => setTimeout(resolve, 7));
    }
    await Promise.all([first.close(), second.close()]);

    const totals = await totalsOver(store, QUARTER_START_WEEKS);
    expect(totals.counts).toEqual(times(PROGRAMME_QUARTER_START_TOTALS, 5));
    await store.close();
  });

  it('still counts an event recorded while shutting down', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    const closing = recorder.close();
    recorder.record({ kind: 'handoffCancelled' }, onDay('2026-01-07'));
    await closing;
    await recorder.flush();

    expect((await readInsightWeek(store, '2026-W02')).counts.get('handoff:cancelled')).toBe(1);
    await store.close();
  });

  it('reports on close how many events it could not store, and nothing else', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const broken = failingStore(store);
    broken.failing = true;
    const errors: string[] = [];
    const recorder = new BufferedInsightsRecorder(broken, { tagKeySealing: TAG_KEY_SEALING, onError: (error) => errors.push(error.message) });

    recorder.record({ kind: 'intent', intent: 'report' }, onDay('2026-01-07'));
    recorder.record({ kind: 'intent', intent: 'report' }, onDay('2026-01-14'));
    await recorder.close();

    expect(errors).toEqual(['store unavailable', 'store unavailable', 'Insights: 2 counted events could not be stored before shutdown']);
    await store.close();
  });
});

describe('what the insights table holds', () => {
  it('holds only week keys, counter names and counts: no text, ids or dates finer than a week', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const recorder = new BufferedInsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    for (const { event, at } of programmeQuarterStart()) recorder.record(event, at);
    await recorder.close();
    await store.close();

    const database = new Database(sqlitePath(), { readonly: true });
    try {
      const tables = (database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name);
      for (const table of tables.filter((name) => name !== 'insights')) {
        expect({ table, rows: (database.prepare(`SELECT COUNT(*) AS rows FROM "${table}"`).get() as { rows: number }).rows }).toEqual({ table, rows: 0 });
      }
      const rows = database.prepare('SELECT partition_key, row_key, value FROM insights').all() as { partition_key: string; row_key: string; value: string }[];
      expect(rows.map((row) => row.partition_key).sort()).toEqual(QUARTER_START_WEEKS);
      for (const row of rows) {
        expect(row.partition_key).toMatch(/^\d{4}-W\d{2}$/);
        expect(row.row_key).toBe(INSIGHTS_ROW_KEY);
        expect(row.value).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
        const value = JSON.parse(row.value) as Record<string, unknown>;
        expect(Object.keys(value).sort()).toEqual(['counts', 'minutesToClaim', 'people', 'tagging']);
        expect(value.tagging).toBe('per-group');
        // Distinct-person tags only: 16 hex characters under a per-week key, never a person key.
        for (const tags of Object.values(value.people as Record<string, string[]>)) for (const tag of tags) expect(tag).toMatch(/^[0-9a-f]{16}$/);
        const counts = value.counts as Record<string, unknown>;
        const minutesToClaim = value.minutesToClaim as Record<string, unknown>;
        for (const [name, count] of Object.entries(counts)) {
          expect(COUNTER_NAMES).toContain(name);
          expect(Number.isSafeInteger(count) && (count as number) > 0).toBe(true);
        }
        for (const [bucket, count] of Object.entries(minutesToClaim)) {
          expect(MINUTES_TO_CLAIM_BUCKETS).toContain(bucket);
          expect(Number.isSafeInteger(count) && (count as number) > 0).toBe(true);
        }
      }
    } finally {
      database.close();
    }
  });
});

function doubled(counts: Readonly<Record<string, number>>): Record<string, number> {
  return times(counts, 2);
}

function times(counts: Readonly<Record<string, number>>, factor: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count * factor]));
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface InstrumentedStore extends EntityStore {
  failing: boolean;
  alwaysConflict: boolean;
  insertCalls: number;
  replaceCalls: number;
  /** Writes that lost the race to another writer. */
  conflicts: number;
  lostInserts: number;
}

/** Wraps a real store to make it unreachable or always in conflict, and counts the writes. */
function failingStore(inner: EntityStore): InstrumentedStore {
  const unavailable = (): Promise<never> => Promise.reject(new Error('store unavailable'));
  const wrapper: InstrumentedStore = {
    failing: false,
    alwaysConflict: false,
    insertCalls: 0,
    replaceCalls: 0,
    conflicts: 0,
    lostInserts: 0,
    get<T>(table: TableName, partitionKey: string, rowKey: string) {
      return wrapper.failing ? unavailable() : inner.get<T>(table, partitionKey, rowKey);
    },
    insert<T>(table: TableName, partitionKey: string, rowKey: string, value: T) {
      wrapper.insertCalls += 1;
      if (wrapper.failing) return unavailable();
      return inner.insert(table, partitionKey, rowKey, value).then((outcome) => {
        if (outcome === 'alreadyExists') wrapper.lostInserts += 1;
        return outcome;
      });
    },
    replace<T>(table: TableName, partitionKey: string, rowKey: string, value: T, etag: string) {
      wrapper.replaceCalls += 1;
      if (wrapper.failing) return unavailable();
      if (wrapper.alwaysConflict) return Promise.resolve('conflict' as const);
      return inner.replace(table, partitionKey, rowKey, value, etag).then((outcome) => {
        if (outcome === 'conflict') wrapper.conflicts += 1;
        return outcome;
      });
    },
    upsert: (table, partitionKey, rowKey, value) => inner.upsert(table, partitionKey, rowKey, value),
    delete: (table, partitionKey, rowKey) => inner.delete(table, partitionKey, rowKey),
    listPartition<T>(table: TableName, partitionKey: string) {
      return inner.listPartition<T>(table, partitionKey);
    },
    ping: () => inner.ping(),
    eraseDeletedResidue: () => inner.eraseDeletedResidue(),
    close: () => inner.close(),
  };
  return wrapper;
}

describe('distinct-person tags that join no labels', () => {
  const WEEK: IsoWeek = '2026-W02';
  /** Five people, one of them in every counter and twice in the time-to-claim buckets. */
  function aWeekOfFive(): WeekTally {
    const tally = new WeekTally();
    for (let person = 0; person < 5; person++) tally.add({ counters: ['topic:bullying', 'role:employee'] }, `person-key-${person}`);
    tally.add({ counters: ['topic:research-integrity', 'role:student', 'locale:nl'] }, 'person-key-0');
    tally.add({ counters: ['handoff:claimed'], minutesToClaimBucket: MINUTES_TO_CLAIM_BUCKETS[0] }, 'person-key-0');
    tally.add({ counters: ['handoff:claimed'], minutesToClaimBucket: MINUTES_TO_CLAIM_BUCKETS[1] }, 'person-key-0');
    tally.add({ counters: ['handoff:claimed'], minutesToClaimBucket: MINUTES_TO_CLAIM_BUCKETS[1] }, 'person-key-1');
    tally.add({ counters: ['handoff:claimed'], minutesToClaimBucket: MINUTES_TO_CLAIM_BUCKETS[2] }, 'person-key-2');
    return tally;
  }
  const reportOf = (store: EntityStore) =>
    buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-11', now: onDay('2026-02-02'), kAnonymityThreshold: 2 });

  it('gives one person a different tag in every counter, one shared by the time-to-claim buckets', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), WEEK, aWeekOfFive());
    const stored = (await store.get<StoredInsightWeek>('insights', WEEK, INSIGHTS_ROW_KEY))!.value;
    const [tagOfTheOne] = stored.people['topic:research-integrity']!;
    expect(Object.entries(stored.people).filter(([, tags]) => tags.includes(tagOfTheOne!)).map(([name]) => name)).toEqual(['topic:research-integrity']);
    // The buckets share a group, so the union the report takes counts a person once.
    const buckets = MINUTES_TO_CLAIM_BUCKETS.slice(0, 2).flatMap((bucket) => stored.people[`minutes:${bucket}`] ?? []);
    expect(new Set(buckets).size).toBe(2);
    await store.close();
  });

  it('replaces the tags with capped distinct counts when the key goes, the published figures unchanged, and adds no tags after', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), WEEK, aWeekOfFive());
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    await recorder.forget('person-key-4', onDay('2026-01-08'));
    const before = await reportOf(store);
    expect((await store.listPartition('insights', WEEK)).map((row) => row.rowKey)).toContain(`forgotten:${(await new WeekTagKeys(store, TAG_KEY_SEALING).tagOf(WEEK))('forgotten', 'person-key-4')}`);

    await recorder.discardKeysDueBy(onDay('2026-01-26'));

    expect(await store.listPartition('insights', SEALED_KEYS_PARTITION)).toEqual([]);
    // Only the counts row is left: no tags, no forgotten rows.
    expect((await store.listPartition('insights', WEEK)).map((row) => row.rowKey)).toEqual([INSIGHTS_ROW_KEY]);
    const stored = (await store.get<StoredInsightWeek>('insights', WEEK, INSIGHTS_ROW_KEY))!.value;
    expect(stored.people).toEqual({});
    expect(stored.distinctPeople).toEqual({
      'topic:bullying': 4,
      'role:employee': 4,
      'topic:research-integrity': 1,
      'role:student': 1,
      'locale:nl': 1,
      'handoff:claimed': 3,
      [`minutes:${MINUTES_TO_CLAIM_BUCKETS[0]}`]: 1,
      [`minutes:${MINUTES_TO_CLAIM_BUCKETS[1]}`]: 2,
      [`minutes:${MINUTES_TO_CLAIM_BUCKETS[2]}`]: 3,
    });
    expect(await reportOf(store)).toEqual(before);

    // A late write of the sealed week adds its counts only, and makes no new key.
    const late = new WeekTally();
    late.add({ counters: ['topic:bullying'] }, 'person-key-9');
    expect(await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), WEEK, late)).toBe('added');
    const afterLate = (await store.get<StoredInsightWeek>('insights', WEEK, INSIGHTS_ROW_KEY))!.value;
    expect(afterLate.counts['topic:bullying']).toBe(6);
    expect(afterLate.people).toEqual({});
    expect(await store.listPartition('insights', SEALED_KEYS_PARTITION)).toEqual([]);
    await store.close();
  });

  it('reads a row an earlier version wrote (one tag per person in every counter) as counts, and folds its tags away at the next write', async () => {
    const store = new SqliteEntityStore(sqlitePath());
    const [a, b, c] = ['0123456789abcdef', 'fedcba9876543210', '00112233445566aa'];
    await store.insert('insights', WEEK, INSIGHTS_ROW_KEY, {
      counts: { 'topic:bullying': 3, 'role:student': 1, 'handoff:claimed': 3 },
      minutesToClaim: { [MINUTES_TO_CLAIM_BUCKETS[0]!]: 2, [MINUTES_TO_CLAIM_BUCKETS[1]!]: 1 },
      people: {
        'topic:bullying': [a, b, c],
        'role:student': [a],
        'handoff:claimed': [a, b],
        [`minutes:${MINUTES_TO_CLAIM_BUCKETS[0]}`]: [a, b],
        [`minutes:${MINUTES_TO_CLAIM_BUCKETS[1]}`]: [a],
      },
      forgotten: ['aaaaaaaaaaaaaaaa'],
    });
    const before = await reportOf(store);
    const read = await readInsightWeek(store, WEEK);
    expect(read.people.get('topic:bullying')?.size).toBe(3);
    expect(read.counts.get('topic:bullying')).toBe(3);

    const next = new WeekTally();
    next.add({ counters: ['intent:help'] }, 'person-key-a');
    await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), WEEK, next);

    const stored = (await store.get<StoredInsightWeek>('insights', WEEK, INSIGHTS_ROW_KEY))!.value;
    expect(stored.people).toEqual({});
    expect(stored.forgotten).toBeUndefined();
    expect(stored.distinctPeople).toMatchObject({ 'topic:bullying': 3, 'role:student': 1, [`minutes:${MINUTES_TO_CLAIM_BUCKETS[1]}`]: 2 });
    expect(stored.counts['intent:help']).toBe(1);
    const after = await reportOf(store);
    expect(after.weeks[0]!.counts['topic:bullying']).toEqual(before.weeks[0]!.counts['topic:bullying']);
    const claimedWithin = `handoff:claimed-within:${MINUTES_TO_CLAIM_EDGES[1]!}` as const;
    expect(after.weeks[0]!.counts[claimedWithin]).toEqual(before.weeks[0]!.counts[claimedWithin]);
    expect(typeof after.weeks[0]!.counts[claimedWithin]).toBe('number');
    await store.close();
  });
});
