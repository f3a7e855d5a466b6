import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InsightsRecorder } from '../../src/insights/insightsRecorder';
import { latestClosedWeek } from '../../src/insights/insightEvents';
import { buildInsightsReport, periodOfLastClosedWeeks } from '../../src/insights/insightsReport';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TAG_KEY_SEALING } from '../support/insightsTagKeys';

/*
 * A week closes a whole day after its Sunday: on the Tuesday, in the organisation's time zone
 * (src/insights/insightsReport.ts, README "Programme insights", rule 1). Closing at Monday 00:00
 * would publish a week that other instances may still be writing into (their buffered counts a
 * flush interval later, counts a failed write kept for a later flush), so two reports of the
 * same week could differ. Review 29 (#6) asked why the code stepped back eight days; this is why,
 * and these are the days either side of the rule, also in the weeks the clocks change.
 */
describe('a week closes a whole day after its Sunday, on the Tuesday (Europe/Amsterdam)', () => {
  // ISO week 11 of 2026 runs from Monday 9 to Sunday 15 March (CET, UTC+1).
  test('on its own Sunday evening it is not closed', () => {
    expect(latestClosedWeek(new Date('2026-03-15T20:00:00Z'))).toBe('2026-W10');
  });

  test('on the Monday after it, up to the last second, it is not closed yet', () => {
    expect(latestClosedWeek(new Date('2026-03-16T12:00:00Z'))).toBe('2026-W10');
    expect(latestClosedWeek(new Date('2026-03-16T22:59:59Z'))).toBe('2026-W10');
  });

  test('from Tuesday 00:00 it is the latest closed week', () => {
    expect(latestClosedWeek(new Date('2026-03-16T23:00:00Z'))).toBe('2026-W11');
    expect(latestClosedWeek(new Date('2026-03-17T12:00:00Z'))).toBe('2026-W11');
  });

  test("the Monday summary's eight weeks end with the week before last; Tuesday's with last week", () => {
    expect(periodOfLastClosedWeeks(new Date('2026-03-16T12:00:00Z'), 8)).toEqual({ from: '2026-01-12', to: '2026-03-08' });
    expect(periodOfLastClosedWeeks(new Date('2026-03-17T12:00:00Z'), 8)).toEqual({ from: '2026-01-19', to: '2026-03-15' });
  });

  // Week 13 runs from 23 to 29 March; the clocks go forward on its Sunday, so its Monday and Tuesday are in CEST (UTC+2).
  test('in the week summer time starts, the Tuesday begins at 22:00 UTC', () => {
    expect(latestClosedWeek(new Date('2026-03-29T21:30:00Z'))).toBe('2026-W12');
    expect(latestClosedWeek(new Date('2026-03-30T12:00:00Z'))).toBe('2026-W12');
    expect(latestClosedWeek(new Date('2026-03-30T21:59:59Z'))).toBe('2026-W12');
    expect(latestClosedWeek(new Date('2026-03-30T22:00:00Z'))).toBe('2026-W13');
  });

  // Week 43 runs from 19 to 25 October; the clocks go back on its Sunday, so its Monday and Tuesday are in CET (UTC+1).
  test('in the week summer time ends, the Tuesday begins at 23:00 UTC', () => {
    expect(latestClosedWeek(new Date('2026-10-25T22:30:00Z'))).toBe('2026-W42');
    expect(latestClosedWeek(new Date('2026-10-26T12:00:00Z'))).toBe('2026-W42');
    expect(latestClosedWeek(new Date('2026-10-26T22:30:00Z'))).toBe('2026-W42');
    expect(latestClosedWeek(new Date('2026-10-26T23:00:00Z'))).toBe('2026-W43');
  });

  test('in another zone, the week closes on that zone’s Tuesday', () => {
    // 16 March 23:30 UTC is already Tuesday in Amsterdam, still Monday in New York (UTC-4 since 8 March).
    expect(latestClosedWeek(new Date('2026-03-16T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-W11');
    expect(latestClosedWeek(new Date('2026-03-16T23:30:00Z'), 'America/New_York')).toBe('2026-W10');
  });
});

describe('counts written on the Monday still reach the only figures ever shown for their week', () => {
  let directory: string;
  let store: SqliteEntityStore;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'week-closes-'));
    store = new SqliteEntityStore(path.join(directory, 'bot.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    await fs.rm(directory, { recursive: true, force: true });
  });

  test('a report on the Monday leaves the week out; the report on the Tuesday has every count of it', async () => {
    const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
    const sundayNight = new Date('2026-03-15T22:59:00Z');
    const guidanceShown = (person: number) =>
      recorder.record({ kind: 'intent', intent: 'guidance' }, sundayNight, `late-week-person-${person}`);
    for (let person = 0; person < 6; person++) await guidanceShown(person);

    const lastWeek = { from: '2026-03-09', to: '2026-03-15' };
    const onMonday = await buildInsightsReport(store, { ...lastWeek, now: new Date('2026-03-16T10:00:00Z') });
    expect(onMonday.weeks).toEqual([]);
    expect(onMonday.weeksNotYetClosed).toEqual(['2026-W11']);

    // Another instance's Sunday-night counts, kept after a failed write, land on the Monday.
    for (let person = 6; person < 10; person++) await guidanceShown(person);

    const onTuesday = await buildInsightsReport(store, { ...lastWeek, now: new Date('2026-03-17T10:00:00Z') });
    expect(onTuesday.weeksNotYetClosed).toEqual([]);
    expect(onTuesday.weeks.map((week) => [week.week, week.counts['intent:guidance']])).toEqual([['2026-W11', 10]]);
  });
});
