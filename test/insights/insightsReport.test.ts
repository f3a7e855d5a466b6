import { TAG_KEY_SEALING } from '../support/insightsTagKeys';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TOPICS } from '../../src/guidance/vocabulary';
import { COUNTER_NAMES } from '../../src/insights/insightEvents';
import { InsightsRecorder } from '../../src/insights/insightsRecorder';
import {
  PUBLISHED_METRICS,
  buildInsightsReport,
  periodOfLastClosedWeeks,
  lowerBound,
  summariseInsights,
} from '../../src/insights/insightsReport';
import { renderWeeklyChartSvg } from '../../src/insights/reportCharts';
import { renderInsightsCsv } from '../../src/insights/reportCsv';
import { renderInsightsHtml } from '../../src/insights/reportHtml';
import { REPORT_TEXTS } from './reportTextsFromContent';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { countsMarkedInHtml, isSafeCount, parseCsv, publishedCounts, smallNumbersInVisibleText, storeEvents } from './publishedFigures';
import {
  PROGRAMME_QUARTER_START_TOTALS,
  asksForAnAdvisor,
  asksWhatToDo,
  onDay,
  programmeQuarterStart,
  type ScriptedEvent,
} from './scriptedConversations';

let directory: string;
let store: SqliteEntityStore;

beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'insights-report-'));
  store = new SqliteEntityStore(path.join(directory, 'bot.sqlite'));
});

afterEach(async () => {
  await store.close();
  await fs.rm(directory, { recursive: true, force: true });
});

const LONG_AFTER = new Date('2026-03-01T12:00:00Z');

async function recordScript(events: readonly ScriptedEvent[]): Promise<void> {
  const recorder = new InsightsRecorder(store, { tagKeySealing: TAG_KEY_SEALING });
  for (const { event, at, person } of events) await recorder.record(event, at, person);
}

describe('the insights report', () => {
  it('publishes the scripted conversations as exact counts put through the rule', async () => {
    await recordScript(programmeQuarterStart());

    const report = await buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-25', now: LONG_AFTER });

    expect(report.weeks.map((week) => week.week)).toEqual(['2026-W02', '2026-W03', '2026-W04']);
    // Totals add up the published weeks, never the exact counts (test/insights/insightsDisclosure.test.ts says why).
    for (const name of COUNTER_NAMES) {
      const sum = report.weeks.reduce((total, week) => total + lowerBound(week.counts[name]), 0);
      expect({ name, published: report.totals.counts[name] }).toEqual({ name, published: sum < 5 ? '<5' : sum });
      expect(sum).toBeLessThanOrEqual(PROGRAMME_QUARTER_START_TOTALS[name] ?? 0);
    }
    // Spelled out for the reader: 12 about bullying (weeks 5 + 5 + "<5" = 10), 3 about research
    // integrity, 1 emergency route; 15 guidance cards, published 10 (5 + 5 + "<5").
    expect(report.totals.counts['topic:bullying']).toBe(10);
    expect(report.totals.counts['topic:research-integrity']).toBe('<5');
    expect(report.totals.counts['guidance:shown']).toBe(10);
    expect(report.totals.counts['urgent-route:shown']).toBe('<5');
    // 7 requests and 6 claims, 3 + 3 + 1 over the weeks: every week "<5", so the total too. The
    // price of totals that cannot be played against each other: rare events show only in busy weeks.
    expect(report.totals.counts['handoff:requested']).toBe('<5');
    expect(report.totals.counts['handoff:claimed']).toBe('<5');
    expect(report.totals.counts['handoff:cancelled']).toBe('<5');
    expect(report.totals.counts['handoff:expired']).toBe('<5');
    // 13 helpful, 2 not: published 10 and "<5", estimated from band midpoints 12 / (12 + 2).
    expect(report.totals.helpfulRate).toBe(0.86);
    expect(report.totals.helpfulRateByTopic['research-integrity']).toBeNull();
    // Six claims: too few to put a median between k faster and k slower ones.
    expect(report.totals.minutesToClaim).toEqual({ median: null, p90: null });
    // Week 2 alone: bullying on five days, so exactly the threshold.
    expect(report.weeks[0]!.counts['topic:bullying']).toBe(5);
    expect(report.weeks[1]!.counts['topic:bullying']).toBe(5);
    expect(report.weeks[2]!.counts['topic:bullying']).toBe('<5');
  });

  it('estimates the median and p90 time to claim from the histogram, to its bucket', async () => {
    // 60 claims: 20 within 5-15 min, 25 within 15-30 min, 9 within 30-60 min, 6 after 4-8 hours.
    const claimAfter = (minutes: number, count: number): ScriptedEvent[] =>
      Array.from({ length: count }, () =>
        asksForAnAdvisor({ day: '2026-02-03', mode: 'anonymous', topic: 'aggression', then: { claimedAfterMinutes: minutes } }),
      ).flat();
    await storeEvents(store, [...claimAfter(10, 20), ...claimAfter(20, 25), ...claimAfter(50, 9), ...claimAfter(300, 6)]);

    const report = await buildInsightsReport(store, { from: '2026-02-02', to: '2026-02-08', now: LONG_AFTER });

    expect(report.totals.counts['handoff:claimed']).toBe(60);
    expect(report.totals.counts['handoff:claimed-within:15']).toBe(20);
    expect(report.totals.counts['handoff:claimed-within:30']).toBe(45);
    expect(report.totals.minutesToClaim.median).toEqual({ fromMinutes: 15, toMinutes: 30 });
    expect(report.totals.minutesToClaim.p90).toEqual({ fromMinutes: 240, toMinutes: 480 });
  });

  it('computes rates from published counts only, so datasets that publish alike get the same rate', async () => {
    const feedback = (helpful: number, notHelpful: number, day: string): ScriptedEvent[] => [
      ...Array.from({ length: helpful }, (_, person) => ({ event: { kind: 'guidanceFeedback', helpful: true, topic: 'discrimination' } as const, at: onDay(day), person: `helped-${day}-${person}` })),
      ...Array.from({ length: notHelpful }, (_, person) => ({ event: { kind: 'guidanceFeedback', helpful: false, topic: 'discrimination' } as const, at: onDay(day), person: `not-helped-${day}-${person}` })),
    ];
    // Week 6: 10 helpful, 1 not; week 7: 14 helpful, 4 not. Both publish "10" and "<5".
    await storeEvents(store, [...feedback(10, 1, '2026-02-03'), ...feedback(14, 4, '2026-02-10')]);

    const report = await buildInsightsReport(store, { from: '2026-02-02', to: '2026-02-15', now: LONG_AFTER });

    expect(report.weeks.map((week) => [week.counts['feedback:helpful'], week.counts['feedback:not-helpful']])).toEqual([
      [10, '<5'],
      [10, '<5'],
    ]);
    expect(report.weeks[0]!.helpfulRate).toBe(report.weeks[1]!.helpfulRate);
  });

  it('snaps the period outwards to whole ISO weeks', async () => {
    await recordScript(programmeQuarterStart());

    const report = await buildInsightsReport(store, { from: '2026-01-07', to: '2026-01-20', now: LONG_AFTER });

    expect(report.requested).toEqual({ from: '2026-01-07', to: '2026-01-20' });
    expect(report.period).toEqual({ from: '2026-01-05', to: '2026-01-25' });
    expect(report.weeks.map((week) => [week.week, week.firstDay, week.lastDay])).toEqual([
      ['2026-W02', '2026-01-05', '2026-01-11'],
      ['2026-W03', '2026-01-12', '2026-01-18'],
      ['2026-W04', '2026-01-19', '2026-01-25'],
    ]);
  });

  it('leaves out a week until a whole day after it ended (the Tuesday), so its figures never change between reports', async () => {
    await recordScript(programmeQuarterStart());

    const onTheMonday = await buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-25', now: new Date('2026-01-26T09:00:00Z') });
    const onTheTuesday = await buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-25', now: new Date('2026-01-27T09:00:00Z') });
    const midWeek = await buildInsightsReport(store, { from: '2026-01-19', to: '2026-01-25', now: new Date('2026-01-21T09:00:00Z') });

    expect(onTheMonday.weeks.map((week) => week.week)).toEqual(['2026-W02', '2026-W03']);
    expect(onTheMonday.weeksNotYetClosed).toEqual(['2026-W04']);
    expect(onTheTuesday.weeks.map((week) => week.week)).toEqual(['2026-W02', '2026-W03', '2026-W04']);
    expect(onTheTuesday.weeks.slice(0, 2)).toEqual(onTheMonday.weeks);
    expect(midWeek.period).toBeNull();
    expect(midWeek.weeks).toEqual([]);
  });

  it('shows every count below the threshold as "<5", zero included, and others as multiples of 5', async () => {
    await recordScript(programmeQuarterStart());

    const report = await buildInsightsReport(store, { from: '2026-01-01', to: '2026-01-31', now: LONG_AFTER });

    const counts = publishedCounts(report);
    expect(counts.length).toBe((report.weeks.length + 1) * PUBLISHED_METRICS.length);
    expect(counts.filter(({ value }) => !isSafeCount(value, 5))).toEqual([]);
    expect(report.weeks.find((week) => week.week === '2026-W01')!.counts['intent:guidance']).toBe('<5');
  });

  it('applies a higher threshold throughout when the programme asks for one', async () => {
    await recordScript(programmeQuarterStart());

    const report = await buildInsightsReport(store, { from: '2026-01-05', to: '2026-01-25', now: LONG_AFTER, kAnonymityThreshold: 10 });

    expect(report.suppressedLabel).toBe('<10');
    expect(report.totals.counts['handoff:requested']).toBe('<10');
    expect(publishedCounts(report).filter(({ value }) => !isSafeCount(value, 10))).toEqual([]);
    const csvValues = parseCsv(renderInsightsCsv(report)).rows.filter((row) => (PUBLISHED_METRICS as readonly string[]).includes(row.metric));
    expect(csvValues.filter((row) => !isSafeCount(/^\d+$/.test(row.value) ? Number(row.value) : row.value, 10))).toEqual([]);
  });

  it('suppresses small cells in the HTML page, the CSV and the Teams chart as well', async () => {
    await recordScript(programmeQuarterStart());
    const report = await buildInsightsReport(store, { from: '2026-01-01', to: '2026-01-31', now: LONG_AFTER });

    for (const locale of ['en', 'nl'] as const) {
      const html = renderInsightsHtml(report, REPORT_TEXTS[locale], locale);
      const marked = countsMarkedInHtml(html);
      expect(marked.length).toBeGreaterThan(PUBLISHED_METRICS.length);
      expect(marked.filter((value) => !isSafeCount(/^\d+$/.test(value) ? Number(value) : value, 5))).toEqual([]);
      expect(smallNumbersInVisibleText(html)).toEqual([]);
    }
    expect(smallNumbersInVisibleText(renderWeeklyChartSvg(report, 8, REPORT_TEXTS.en))).toEqual([]);

    const { rows } = parseCsv(renderInsightsCsv(report));
    const countRows = rows.filter((row) => (PUBLISHED_METRICS as readonly string[]).includes(row.metric));
    expect(countRows.length).toBe((report.weeks.length + 1) * PUBLISHED_METRICS.length);
    expect(countRows.filter((row) => !isSafeCount(/^\d+$/.test(row.value) ? Number(row.value) : row.value, 5))).toEqual([]);
    expect(rows.filter((row) => /^[1-4]$/.test(row.value))).toEqual([]);
  });

  it('gives the Teams summary the last eight closed weeks', async () => {
    const weekly: ScriptedEvent[] = [];
    for (let week = 0; week < 10; week++) {
      const day = new Date(Date.UTC(2026, 0, 5 + week * 7)).toISOString().slice(0, 10);
      for (let person = 0; person < 6; person++) {
        weekly.push(...asksWhatToDo({ day, topic: TOPICS[week % 3]!, perspective: 'witness', role: 'employee', locale: 'nl', helpful: person > 0 }));
      }
    }
    await storeEvents(store, weekly);
    // Wednesday 18 March 2026: week 12 is open, weeks 4 to 11 are the last eight closed ones.
    const now = new Date('2026-03-18T12:00:00Z');

    const period = periodOfLastClosedWeeks(now, 8);
    const report = await buildInsightsReport(store, { ...period, now });
    const summary = summariseInsights(report);
    const chart = renderWeeklyChartSvg(report, 8, REPORT_TEXTS.nl);

    expect(period).toEqual({ from: '2026-01-19', to: '2026-03-15' });
    expect(report.weeks.map((week) => week.week)).toEqual(['2026-W04', '2026-W05', '2026-W06', '2026-W07', '2026-W08', '2026-W09', '2026-W10', '2026-W11']);
    // Six people a week, published 5 each: 8 × 5 = 40 (the exact 48 is never shown).
    expect(summary).toMatchObject({ weeks: 8, guidanceShown: 40, handoffsRequested: '<5', medianMinutesToClaim: null });
    // Weeks 4-11 rotate three topics: harassment and bullying in three weeks each (18 → 15), discrimination in two (12 → 10).
    expect(summary.topTopics).toEqual([
      { topic: 'sexual-harassment', count: 15 },
      { topic: 'bullying', count: 15 },
      { topic: 'discrimination', count: 10 },
    ]);
    expect(chart.startsWith('<svg')).toBe(true);
    expect(chart).toContain('>W04<');
    expect(chart).toContain('>W11<');
    expect(chart).not.toContain('>W03<');
    expect(chart).toContain('Pesten, buitensluiten');
  });

  it('refuses malformed options with a RangeError', async () => {
    await expect(buildInsightsReport(store, { from: '2026-02-30', to: '2026-03-31' })).rejects.toThrow(RangeError);
    await expect(buildInsightsReport(store, { from: '2026-01-01', to: '2026-03-31', kAnonymityThreshold: 1 })).rejects.toThrow(RangeError);
    await expect(buildInsightsReport(store, { from: '2000-01-01', to: '2026-03-31' })).rejects.toThrow(/at most 261 weeks/);
  });
});
