import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { COUNTER_NAMES, MINUTES_TO_CLAIM_BUCKETS } from '../../src/insights/insightEvents';
import type { IsoWeek } from '../../src/shared/calendarDays';
import { FORGOTTEN_ROW_PREFIX, FORGOTTEN_TAG_GROUP, INSIGHTS_ROW_KEY, InsightsRecorder, WeekTally, addCountsToWeek, readInsightWeek } from '../../src/insights/insightsRecorder';
import { WeekTagKeys } from '../../src/insights/weekTagKeys';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { TAG_KEY_SEALING } from '../support/insightsTagKeys';

/**
 * Red team, stop 29. The week's insights row is one Azure Tables entity of at most 32 Ki
 * characters. A busy week (every counter and time-to-claim bucket with its 20 distinct-person
 * tags) is about 31,900 characters; each "forget me" adds a 16-hex tag to the week's `forgotten`
 * list, which nothing bounds before the week's key is deleted. After some fifty of them the row is
 * full: the next write that makes it longer (another "forget me", or a new person in a counter
 * that has fewer than 20 tags) is refused on Azure Tables (SQLite takes it), by every instance, on
 * every retry, for the rest of the week: those counts never reach the report, and a refused
 * "forget me" leaves the person off the list that keeps another instance from adding them back.
 */
let azurite: RunningAzurite;
let directory: string;

beforeAll(async () => {
  azurite = await startAzurite();
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'redteam-insights-row-'));
});

afterAll(async () => {
  await azurite?.stop();
  await fs.rm(directory, { recursive: true, force: true });
});

const WEEK: IsoWeek = '2026-W49';
const PEOPLE_IN_A_BUSY_WEEK = 40;
const PEOPLE_WHO_FORGET = 60;

const stores: Array<[string, () => Promise<EntityStore>]> = [
  ['SQLite', async () => new SqliteEntityStore(path.join(directory, `${randomBytes(4).toString('hex')}.sqlite`))],
  [
    'Azure Tables (Azurite)',
    async () =>
      AzureTablesEntityStore.create({
        connectionString: azurite.connectionString,
        tablePrefix: `t${randomBytes(6).toString('hex')}`,
        allowInsecureConnection: true,
      }),
  ],
];

describe.each(stores)('a busy insights week on %s', (_name, openStore) => {
  it('keeps every "forget me" of the week, and still counts a new person, after sixty people said "forget me"', async () => {
    const store = await openStore();
    const personKey = (index: number): string => `person-key-${index}`;

    // A busy week: every counter but one and every time-to-claim bucket reached 20 different
    // people; 15 people asked for a team dialogue.
    const busyWeek = new WeekTally();
    const everyCounterButDialogue = COUNTER_NAMES.filter((name) => name !== 'dialogue:requested');
    for (let person = 0; person < PEOPLE_IN_A_BUSY_WEEK; person++) {
      busyWeek.add({ counters: person < 15 ? [...COUNTER_NAMES] : everyCounterButDialogue }, personKey(person));
    }
    for (const bucket of MINUTES_TO_CLAIM_BUCKETS) {
      for (let person = 0; person < 20; person++) busyWeek.add({ counters: [], minutesToClaimBucket: bucket }, personKey(1_000 + person));
    }
    const tagKeys = new WeekTagKeys(store, TAG_KEY_SEALING);
    expect(await addCountsToWeek(store, tagKeys, WEEK, busyWeek)).toBe('added');

    // Sixty people say "forget me" this week (each instance's recorder does this for its turn).
    const failures: Error[] = [];
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING, onError: (error) => failures.push(error) });
    const forgetters = Array.from({ length: PEOPLE_WHO_FORGET }, (_, index) => personKey(10_000 + index));
    for (const forgetter of forgetters) await recorder.forget(forgetter, new Date('2026-12-02T12:00:00Z'));
    const tagOf = await tagKeys.tagOf(WEEK);
    // Each "forget me" is kept as its own row of the week, outside the counts row.
    const forgottenRows = new Set((await store.listPartition('insights', WEEK)).map((row) => row.rowKey));
    const forgottenKept = forgetters.filter((forgetter) => forgottenRows.has(`${FORGOTTEN_ROW_PREFIX}${tagOf(FORGOTTEN_TAG_GROUP, forgetter)}`)).length;

    // The week goes on: a 16th person asks for a team dialogue, and is counted.
    const dialogueBefore = (await readInsightWeek(store, WEEK)).counts.get('dialogue:requested') ?? 0;
    const oneMore = new WeekTally();
    oneMore.add({ counters: ['dialogue:requested'] }, personKey(20_000));
    let added: string;
    try {
      added = await addCountsToWeek(store, tagKeys, WEEK, oneMore);
    } catch (error) {
      added = `threw: ${(error as Error).message}`;
    }
    const dialogueAfter = (await readInsightWeek(store, WEEK)).counts.get('dialogue:requested') ?? 0;

    expect({
      forgetFailures: failures.length,
      forgottenKept,
      added,
      dialogueAdded: dialogueAfter - dialogueBefore,
    }).toEqual({ forgetFailures: 0, forgottenKept: PEOPLE_WHO_FORGET, added: 'added', dialogueAdded: 1 });

    // The week full to the cap (every counter and bucket with its 20 tags) plus the forgotten
    // rows stays under the 32 Ki characters of an entity: the list no longer grows the row.
    const fullWeek = new WeekTally();
    for (let person = 0; person < 20; person++) fullWeek.add({ counters: ['dialogue:requested'] }, personKey(30_000 + person));
    expect(await addCountsToWeek(store, tagKeys, WEEK, fullWeek)).toBe('added');
    const full = (await store.get('insights', WEEK, INSIGHTS_ROW_KEY))!.value as { people: Record<string, string[]> };
    expect(Object.values(full.people).every((tags) => tags.length === 20)).toBe(true);
    expect(Object.keys(full.people)).toHaveLength(COUNTER_NAMES.length + MINUTES_TO_CLAIM_BUCKETS.length);
    expect(JSON.stringify(full).length).toBeLessThan(32 * 1024);
    await store.close();
  });
});
