import { WeekTagKeys } from '../../src/insights/weekTagKeys';
import { TAG_KEY_SEALING } from '../support/insightsTagKeys';
import type { InsightsReport, PublishedCount } from '../../src/insights/insightsReport';
import { PUBLISHED_METRICS } from '../../src/insights/insightsReport';
import { addCountsToWeek, WeekTally } from '../../src/insights/insightsRecorder';
import { countEvent, isoWeekOf } from '../../src/insights/insightEvents';
import type { IsoWeek } from '../../src/shared/calendarDays';
import type { EntityStore } from '../../src/storage/entityStore';
import type { ScriptedEvent } from './scriptedConversations';

/** Every count a report publishes, with where it appears. */
export function publishedCounts(report: InsightsReport): { where: string; value: PublishedCount }[] {
  const counts: { where: string; value: PublishedCount }[] = [];
  for (const week of report.weeks) {
    for (const metric of PUBLISHED_METRICS) counts.push({ where: `${week.week} ${metric}`, value: week.counts[metric] });
  }
  for (const metric of PUBLISHED_METRICS) counts.push({ where: `total ${metric}`, value: report.totals.counts[metric] });
  return counts;
}

/** A published count is "<k" or a multiple of k that is at least k; anything else is a leak. */
export function isSafeCount(value: unknown, k: number): boolean {
  if (value === `<${k}`) return true;
  return typeof value === 'number' && Number.isInteger(value) && value >= k && value % k === 0;
}

/**
 * The digits 1–4 standing alone in the text a reader sees, after taking out what legitimately
 * holds them: dates, week labels, percentages and durations (each in its own marked element).
 */
export function smallNumbersInVisibleText(html: string): string[] {
  const text = html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<span class="(?:duration|rate|week)">[^<]*<\/span>/g, ' ')
    .replace(/<text class="(?:rate|week)"[^>]*>[^<]*<\/text>/g, ' ')
    .replace(/<time[^>]*>[^<]*<\/time>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\b\d{4}-W\d{2}\b|\bW\d{2}\b/g, ' ')
    .replace(/\d{4}-\d{2}-\d{2}/g, ' ')
    .replace(/\d+\s?%/g, ' ');
  return text.match(/(?<![\d<])[1-4](?!\d)/g) ?? [];
}

/** The contents of every element the renderer marks as a count. */
export function countsMarkedInHtml(html: string): string[] {
  return [...html.matchAll(/<(?:span|text)[^>]*class="count"[^>]*>([^<]*)</g)].map((match) => match[1]!.replace(/&lt;/g, '<'));
}

export interface CsvRow {
  readonly week: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly metric: string;
  readonly value: string;
}

export function parseCsv(csv: string): { header: string; rows: CsvRow[] } {
  const [header, ...lines] = csv.split('\r\n').filter((line) => line !== '');
  return {
    header: header!,
    rows: lines.map((line) => {
      const fields = line.split(',');
      if (fields.length !== 5) throw new Error(`CSV line with ${fields.length} fields: ${line}`);
      const [week, firstDay, lastDay, metric, value] = fields as [string, string, string, string, string];
      return { week, firstDay, lastDay, metric, value };
    }),
  };
}

/** Writes scripted events straight into their weeks (faster than a recorder for big scripts). */
export async function storeEvents(store: EntityStore, events: readonly ScriptedEvent[]): Promise<void> {
  const tallies = new Map<IsoWeek, WeekTally>();
  for (const { event, at, person } of events) {
    const counting = countEvent(event);
    if (counting.outcome !== 'counted') throw new Error(`scripted event rejected: ${counting.field}`);
    const week = isoWeekOf(at);
    const tally = tallies.get(week) ?? new WeekTally();
    tally.add(counting.counts, person);
    tallies.set(week, tally);
  }
  for (const [week, tally] of tallies) await addCountsToWeek(store, new WeekTagKeys(store, TAG_KEY_SEALING), week, tally);
}
