import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IsoWeek } from '../../src/shared/calendarDays';
import { countsFromDistinctPeople, readInsightWeek } from '../../src/insights/insightsRecorder';
import { SEALED_KEYS_PARTITION, WeekTagKeys } from '../../src/insights/weekTagKeys';
import { TAG_KEY_SEALING } from '../support/insightsTagKeys';
import {
  PUBLISHED_METRICS,
  buildInsightsReport,
  lowerBound,
  publishCount,
  publishInsights,
  type InsightsReport,
  type PublishedCount,
} from '../../src/insights/insightsReport';
import { renderInsightsCsv } from '../../src/insights/reportCsv';
import { renderInsightsHtml } from '../../src/insights/reportHtml';
import { REPORT_TEXTS } from './reportTextsFromContent';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { publishedCounts, storeEvents } from './publishedFigures';
import { asksForAnAdvisor, asksWhatToDo, type ScriptedEvent } from './scriptedConversations';

/**
 * Can someone single a person out by comparing two reports whose periods overlap? The attack:
 * take the report for weeks 1–4 and the one for weeks 1–5; week 5 holds one single event in a
 * cell, so with exact totals the difference would be exactly 1.
 */

const K = 5;
const LONG_AFTER = new Date('2026-03-01T12:00:00Z');
const WEEKS_1_TO_4 = { from: '2025-12-29', to: '2026-01-25' };
const WEEKS_1_TO_5 = { from: '2025-12-29', to: '2026-02-01' };
const WEEK_DAYS = ['2025-12-30', '2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27'];

/** The one kind of person who is rare here: a student, told their behaviour was inappropriate, about research integrity, in English. */
function rarePerson(weekIndex: number): ScriptedEvent[] {
  return asksWhatToDo({ day: WEEK_DAYS[weekIndex]!, topic: 'research-integrity', perspective: 'accused', role: 'student', locale: 'en', helpful: true });
}

function bystanders(weekIndex: number, people: number, topic: 'bullying' | 'discrimination' = 'bullying'): ScriptedEvent[] {
  return Array.from({ length: people }, (_, person) =>
    asksWhatToDo({ day: WEEK_DAYS[weekIndex]!, topic, perspective: 'witness', role: 'employee', locale: 'nl', helpful: person % 4 !== 0 }),
  ).flat();
}

/** Weeks 1–4 of busy bystander traffic with a few rare people; `rareInWeek4` and `rareInWeek5` of them at the end. */
function fiveWeeks(rareInWeek4: number, rareInWeek5: number): ScriptedEvent[] {
  return [
    ...bystanders(0, 7),
    ...rarePerson(0),
    ...bystanders(1, 6),
    ...bystanders(2, 8, 'discrimination'),
    ...rarePerson(2),
    ...bystanders(3, 6),
    ...Array.from({ length: rareInWeek4 }, () => rarePerson(3)).flat(),
    ...Array.from({ length: rareInWeek5 }, () => rarePerson(4)).flat(),
  ];
}

const RARE_PERSON_COUNTERS = [
  'intent:guidance',
  'guidance:shown',
  'topic:research-integrity',
  'perspective:accused',
  'role:student',
  'locale:en',
  'feedback:helpful',
  'feedback:helpful:research-integrity',
] as const;

let directory: string;

beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'insights-disclosure-'));
});

afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

async function withStore<T>(events: ScriptedEvent[], use: (store: SqliteEntityStore) => Promise<T>): Promise<T> {
  const store = new SqliteEntityStore(path.join(directory, `${Math.random().toString(36).slice(2)}.sqlite`));
  try {
    await storeEvents(store, events);
    return await use(store);
  } finally {
    await store.close();
  }
}

async function twoOverlappingReports(store: SqliteEntityStore): Promise<[InsightsReport, InsightsReport]> {
  return [
    await buildInsightsReport(store, { ...WEEKS_1_TO_4, now: LONG_AFTER }),
    await buildInsightsReport(store, { ...WEEKS_1_TO_5, now: LONG_AFTER }),
  ];
}

describe('comparing reports with overlapping periods (weeks 1–4 against weeks 1–5)', () => {
  it('would reveal the single person in week 5 if totals were exact', async () => {
    await withStore(fiveWeeks(2, 1), async (store) => {
      const weekFive = await readInsightWeek(store, '2026-W05');
      for (const counter of RARE_PERSON_COUNTERS) expect({ counter, exact: weekFive.counts.get(counter) }).toEqual({ counter, exact: 1 });
    });
  });

  it('publishes only numbers that are multiples of 5, so no difference between them can be 1 to 4', async () => {
    await withStore(fiveWeeks(2, 1), async (store) => {
      const [weeks1to4, weeks1to5] = await twoOverlappingReports(store);

      expect(weeks1to5.weeks.map((week) => week.week)).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05']);
      for (const counter of RARE_PERSON_COUNTERS) expect(weeks1to5.weeks[4]!.counts[counter]).toBe('<5');
      // Every pair of published numbers, within either report and across both.
      const numbers = [...publishedCounts(weeks1to4), ...publishedCounts(weeks1to5)].filter(
        (entry): entry is { where: string; value: number } => typeof entry.value === 'number',
      );
      const smallDifferences: string[] = [];
      for (const first of numbers) {
        for (const second of numbers) {
          const difference = Math.abs(first.value - second.value);
          if (difference > 0 && difference < K) smallDifferences.push(`${first.where} − ${second.where} = ${difference}`);
        }
      }
      expect(smallDifferences).toEqual([]);
      // The period totals the attack compares, metric by metric.
      for (const metric of PUBLISHED_METRICS) {
        const before = weeks1to4.totals.counts[metric];
        const after = weeks1to5.totals.counts[metric];
        if (typeof before === 'number' && typeof after === 'number') expect((after - before) % K).toBe(0);
      }
    });
  });

  it('cannot tell one person in week 5 from two: both publish exactly the same reports', async () => {
    // The same activity with one rare person moved from week 4 to week 5: exact week 5 is 1 or 2.
    const onePersonInWeek5 = await withStore(fiveWeeks(2, 1), async (store) => {
      expect((await readInsightWeek(store, '2026-W05')).counts.get('topic:research-integrity')).toBe(1);
      return twoOverlappingReports(store);
    });
    const twoPeopleInWeek5 = await withStore(fiveWeeks(1, 2), async (store) => {
      expect((await readInsightWeek(store, '2026-W05')).counts.get('topic:research-integrity')).toBe(2);
      return twoOverlappingReports(store);
    });

    expect(twoPeopleInWeek5).toEqual(onePersonInWeek5);
    for (const index of [0, 1] as const) {
      expect(renderInsightsCsv(twoPeopleInWeek5[index])).toBe(renderInsightsCsv(onePersonInWeek5[index]));
      expect(renderInsightsHtml(twoPeopleInWeek5[index], REPORT_TEXTS.nl, 'nl')).toBe(renderInsightsHtml(onePersonInWeek5[index], REPORT_TEXTS.nl, 'nl'));
    }
  });
});

describe('the rule, checked exhaustively for one cell', () => {
  const MAX_PER_WEEK = 9;
  const WEEKS = 5;
  type Period = readonly [first: number, last: number];
  /** What a rule publishes for one counter: each week's figure and each period's total. */
  interface Rule {
    readonly week: (count: number) => PublishedCount;
    readonly total: (weekly: readonly number[]) => PublishedCount;
  }
  /** The rule: weeks banded (here every event is a different person), totals the sum of the published weeks. */
  const theRule: Rule = {
    week: (count) => publishCount(count, K),
    total: (weekly) => {
      const sum = weekly.reduce((total, count) => total + lowerBound(publishCount(count, K)), 0);
      return sum < K ? `<${K}` : sum;
    },
  };
  /** The rule before: totals banded from the exact sum. */
  const exactTotals: Rule = { week: theRule.week, total: (weekly) => publishCount(weekly.reduce((sum, count) => sum + count, 0), K) };

  function publishedByBothReports(weekly: readonly number[], periods: readonly Period[], rule: Rule = theRule): string {
    return JSON.stringify([weekly.map(rule.week), periods.map(([first, last]) => rule.total(weekly.slice(first, last + 1)))]);
  }

  const everyWeeklyVector: number[][] = [];
  for (let code = 0; code < (MAX_PER_WEEK + 1) ** WEEKS; code++) {
    everyWeeklyVector.push(Array.from({ length: WEEKS }, (_, week) => Math.floor(code / (MAX_PER_WEEK + 1) ** week) % (MAX_PER_WEEK + 1)));
  }

  /**
   * Groups every combination of weekly counts (0–9 in each of five weeks) by what the two
   * reports publish, i.e. by what a reader of both can see, and reports what the reader can
   * conclude about each week: whether a week is pinned to one small value, or known to hold
   * someone (1–4) while its own figure says "<5". Only groups whose bands lie wholly within
   * 0–9 are judged, since larger counts are not enumerated.
   */
  function whatTwoReportsReveal(periods: readonly Period[], rule: Rule = theRule) {
    const bandFits = (count: number): boolean => {
      const published = rule.week(count);
      return (typeof published === 'number' ? published + K - 1 : K - 1) <= MAX_PER_WEEK;
    };
    const groups = new Map<string, { possible: number[]; complete: boolean }>();
    for (const weekly of everyWeeklyVector) {
      const key = publishedByBothReports(weekly, periods, rule);
      let group = groups.get(key);
      if (!group) {
        group = { possible: weekly.map(() => 0), complete: weekly.every(bandFits) };
        groups.set(key, group);
      }
      weekly.forEach((count, week) => (group!.possible[week]! |= 1 << count));
    }
    const pinnedSmallValues = new Set<number>();
    let someoneInAnEmptyLookingWeek = 0;
    for (const group of groups.values()) {
      if (!group.complete) continue;
      for (const possible of group.possible) {
        const onlyValue = Math.log2(possible);
        if (Number.isInteger(onlyValue) && onlyValue >= 1 && onlyValue < K) pinnedSmallValues.add(onlyValue);
        // Below k the week says "<5"; if 0 is ruled out, the reader knows someone was there.
        if (possible < 1 << K && !(possible & 1)) someoneInAnEmptyLookingWeek += 1;
      }
    }
    return {
      judged: [...groups.values()].filter((group) => group.complete).length,
      pinnedSmallValues: [...pinnedSmallValues].sort(),
      someoneInAnEmptyLookingWeek,
    };
  }

  function everyPairOfPeriods(): [Period, Period][] {
    const periods: Period[] = [];
    for (let first = 0; first < WEEKS; first++) for (let last = first; last < WEEKS; last++) periods.push([first, last]);
    return periods.flatMap((first, index) => periods.slice(index + 1).map((second): [Period, Period] => [first, second]));
  }

  it('any two reports within five weeks (e.g. an 8-week card against a 7-week report): no week is pinned, and no "<5" week is known to hold someone', () => {
    const pinned = new Set<number>();
    let someone = 0;
    for (const pair of everyPairOfPeriods()) {
      const revealed = whatTwoReportsReveal(pair);
      expect(revealed.judged).toBeGreaterThan(0);
      for (const value of revealed.pinnedSmallValues) pinned.add(value);
      someone += revealed.someoneInAnEmptyLookingWeek;
    }
    expect([...pinned]).toEqual([]);
    expect(someone).toBe(0);
  });

  it('has teeth: with totals banded from exact sums (the rule before), the same check finds weeks pinned to 1–4', () => {
    const revealed = whatTwoReportsReveal([[0, 3], [0, 4]], exactTotals);
    // E.g. weeks 1–4 "<5" under a total of "<5" and weeks 1–5 at "5": week 5 holds 1 to 4 people.
    expect(revealed.someoneInAnEmptyLookingWeek).toBeGreaterThan(0);
  });

  it('models what publishInsights publishes for a counter in both reports', () => {
    const weekNames: IsoWeek[] = ['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05'];
    let seed = 42;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let sample = 0; sample < 300; sample++) {
      const weekly = weekNames.map(() => Math.floor(random() * 30));
      const report = (weeks: number): InsightsReport =>
        publishInsights({
          requested: WEEKS_1_TO_5,
          weeks: weekNames.slice(0, weeks).map((week, index) => ({
            week,
            counts: countsFromDistinctPeople(new Map([['topic:aggression', weekly[index]!]])),
          })),
          weeksNotYetClosed: [],
          kAnonymityThreshold: K,
        });
      const [first, second] = [report(4), report(5)];
      const fromReports = JSON.stringify([
        second.weeks.map((week) => week.counts['topic:aggression']),
        [first.totals.counts['topic:aggression'], second.totals.counts['topic:aggression']] as PublishedCount[],
      ]);
      expect(fromReports).toBe(publishedByBothReports(weekly, [[0, 3], [0, 4]]));
    }
  });
});

describe('padding: a programme lead adds requests of their own to a week', () => {
  const PADDING_WEEK_DAY = '2026-01-13';
  const lead = 'the-programme-lead';

  /** Busy weeks around, and in the week under attack the lead's own requests plus `others` real people. */
  function paddedWeek(leadsRequests: number, others: number): ScriptedEvent[] {
    return [
      ...bystanders(0, 7),
      ...bystanders(1, 6),
      ...Array.from({ length: leadsRequests }, () =>
        asksForAnAdvisor({ day: PADDING_WEEK_DAY, mode: 'anonymous', topic: 'research-integrity', then: 'cancelled', person: lead }),
      ).flat(),
      ...Array.from({ length: others }, () => asksForAnAdvisor({ day: PADDING_WEEK_DAY, mode: 'anonymous', topic: 'research-integrity', then: 'cancelled' })).flat(),
    ];
  }

  const reportOfWeeks1to5 = (store: SqliteEntityStore) => buildInsightsReport(store, { ...WEEKS_1_TO_5, now: LONG_AFTER });

  it('learns nothing: 4 (or 40) of the lead\'s own requests beside 0, 1 or 3 other people publish the same reports', async () => {
    const reports: string[] = [];
    for (const [padding, others] of [[4, 0], [4, 1], [4, 3], [40, 1]] as const) {
      const report = await withStore(paddedWeek(padding, others), reportOfWeeks1to5);
      expect(report.weeks[2]!.counts['handoff:requested:topic:research-integrity']).toBe('<5');
      reports.push(renderInsightsCsv(report));
    }
    expect(new Set(reports).size).toBe(1);
  });

  it('has teeth: five different people in the week are published', async () => {
    const report = await withStore(paddedWeek(0, 5), reportOfWeeks1to5);
    expect(report.weeks[2]!.counts['handoff:requested:topic:research-integrity']).toBe(5);
  });

  it('stores no person key: only tags under a week key that is discarded a week after the week ends', async () => {
    const events = paddedWeek(4, 1);
    await withStore(events, async (store) => {
      const stored = JSON.stringify(await store.listPartition('insights', '2026-W03'));
      expect(stored).not.toContain(lead);
      expect(stored).not.toContain('scripted-person');
      expect(await store.listPartition('insights', SEALED_KEYS_PARTITION)).not.toHaveLength(0);
      expect(await new WeekTagKeys(store, TAG_KEY_SEALING).discardOld('2026-W05')).not.toEqual([]);
      expect((await store.listPartition('insights', SEALED_KEYS_PARTITION)).map((entity) => entity.rowKey).every((week) => week >= '2026-W04')).toBe(true);
    });
  });
});
