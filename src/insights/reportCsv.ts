import { TOPICS } from '../guidance/vocabulary';
import { PUBLISHED_METRICS, type InsightsReport, type MinuteRange, type PublishedFigures } from './insightsReport';

/**
 * One row per week × metric, then the period totals (week "total"). Counts are published
 * counts ("<5" or a multiple of 5); rates are shares with two decimals (0.86); times to claim are minute ranges
 * ("15-30", "10080+"); an empty value means not shown because fewer than k are behind it.
 */
export function renderInsightsCsv(report: InsightsReport): string {
  const lines = ['week,first_day,last_day,metric,value'];
  const addRows = (week: string, firstDay: string, lastDay: string, figures: PublishedFigures): void => {
    const row = (metric: string, value: string): void => {
      lines.push([week, firstDay, lastDay, metric, value].map(csvField).join(','));
    };
    for (const metric of PUBLISHED_METRICS) row(metric, String(figures.counts[metric]));
    row('feedback:helpful-rate', rateCsv(figures.helpfulRate));
    for (const topic of TOPICS) {
      row(`feedback:helpful-rate:${topic}`, rateCsv(figures.helpfulRateByTopic[topic]));
    }
    row('handoff:minutes-to-claim:median', minuteRangeCsv(figures.minutesToClaim.median));
    row('handoff:minutes-to-claim:p90', minuteRangeCsv(figures.minutesToClaim.p90));
  };
  for (const week of report.weeks) addRows(week.week, week.firstDay, week.lastDay, week);
  if (report.period) addRows('total', report.period.from, report.period.to, report.totals);
  return `${lines.join('\r\n')}\r\n`;
}

/** Always two decimals, so a rate of 100% ("1.00") never reads like a count of one. */
function rateCsv(rate: number | null): string {
  return rate === null ? '' : rate.toFixed(2);
}

function minuteRangeCsv(range: MinuteRange | null): string {
  if (range === null) return '';
  return range.toMinutes === null ? `${range.fromMinutes}+` : `${range.fromMinutes}-${range.toMinutes}`;
}

function csvField(value: string): string {
  // Values are ids and figures, but a leading "=" or "+" must never reach a spreadsheet as a formula.
  const safe = /^[=+@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

