import type { IsoWeek } from '../../src/shared/calendarDays';
import { countsFromDistinctPeople } from '../../src/insights/insightsRecorder';
import { PUBLISHED_METRICS, publishInsights, type InsightsReport } from '../../src/insights/insightsReport';
import { renderWeeklyChartSvg } from '../../src/insights/reportCharts';
import { renderInsightsCsv } from '../../src/insights/reportCsv';
import { renderInsightsHtml } from '../../src/insights/reportHtml';
import { formatMinuteRange, metricLabel } from '../../src/insights/reportTexts';
import { REPORT_TEXTS } from './reportTextsFromContent';
import { isSafeCount, parseCsv, smallNumbersInVisibleText } from './publishedFigures';

/** A report straight from exact counts: `perWeek(week index)` gives each counter's count. */
function reportOf(weeks: IsoWeek[], perWeek: (index: number) => Record<string, number>, minutesToClaim: Record<string, number> = {}): InsightsReport {
  return publishInsights({
    requested: { from: '2026-01-05', to: '2026-03-29' },
    weeks: weeks.map((week, index) => ({
      week,
      counts: countsFromDistinctPeople(new Map(Object.entries(perWeek(index))), new Map(Object.entries(minutesToClaim))),
    })),
    weeksNotYetClosed: ['2026-W14'],
    kAnonymityThreshold: 5,
  });
}

const TWELVE_WEEKS: IsoWeek[] = Array.from({ length: 12 }, (_, index) => `2026-W${String(index + 2).padStart(2, '0')}` as IsoWeek);

/** Every count from 0 to 30 somewhere, so small values appear in every position. */
const busyWeeks = reportOf(
  TWELVE_WEEKS,
  (index) => Object.fromEntries(PUBLISHED_METRICS.map((metric, position) => [metric, (index * 7 + position * 3) % 31])),
  { '0-5': 3, '5-15': 9, '15-30': 14, '30-60': 4, '240-480': 2 },
);

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, `${prefix}.${key}`));
}

describe('report texts', () => {
  it('reads every text from content/strings in Dutch and English, none missing or left empty', () => {
    expect(keyPaths(REPORT_TEXTS.nl).sort()).toEqual(keyPaths(REPORT_TEXTS.en).sort());
    for (const locale of ['nl', 'en'] as const) {
      const missing = keyPaths(REPORT_TEXTS[locale]).filter((keyPath) => {
        const value = keyPath.split('.').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], REPORT_TEXTS[locale]);
        // The translator answers a missing key with the key itself.
        return typeof value !== 'string' || value.trim() === '' || value.startsWith('report.');
      });
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
    expect(REPORT_TEXTS.nl.title).not.toBe(REPORT_TEXTS.en.title);
  });

  it('names every published metric in both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      const labels = PUBLISHED_METRICS.map((metric) => metricLabel(metric, REPORT_TEXTS[locale]));
      expect(labels.filter((label, index) => !label || label === PUBLISHED_METRICS[index] || label.includes('undefined'))).toEqual([]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it.each([
    [{ fromMinutes: 0, toMinutes: 5 }, '0–5 min', '0–5 min'],
    [{ fromMinutes: 30, toMinutes: 60 }, '30–60 min', '30–60 min'],
    [{ fromMinutes: 60, toMinutes: 120 }, '1–2 h', '1–2 uur'],
    [{ fromMinutes: 480, toMinutes: 1440 }, '8–24 h', '8–24 uur'],
    [{ fromMinutes: 1440, toMinutes: 2880 }, '1–2 days', '1–2 dagen'],
    [{ fromMinutes: 10080, toMinutes: null }, '≥ 7 days', '≥ 7 dagen'],
  ])('shows %j as "%s" / "%s"', (range, english, dutch) => {
    expect(formatMinuteRange(range, REPORT_TEXTS.en)).toBe(english);
    expect(formatMinuteRange(range, REPORT_TEXTS.nl)).toBe(dutch);
  });
});

describe('the HTML page', () => {
  it.each(['en', 'nl'] as const)('is one self-contained file a programme lead can open (%s)', (locale) => {
    const html = renderInsightsHtml(busyWeeks, REPORT_TEXTS[locale], locale);

    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(`<h1>${REPORT_TEXTS[locale].title}</h1>`);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    expect(openAndCloseTagsBalance(html)).toBe(true);
  });

  it('never shows a small count, whatever position it is in', () => {
    for (const locale of ['en', 'nl'] as const) expect(smallNumbersInVisibleText(renderInsightsHtml(busyWeeks, REPORT_TEXTS[locale], locale))).toEqual([]);
  });

  it('the scan used above does catch a small count', () => {
    expect(smallNumbersInVisibleText('<td>10</td><td>&lt;5</td><td>3</td>')).toEqual(['3']);
  });

  it('says so when no week has closed yet', () => {
    const empty = reportOf([], () => ({}));
    const html = renderInsightsHtml(empty, REPORT_TEXTS.nl, 'nl');

    expect(html).toContain(REPORT_TEXTS.nl.noClosedWeeks);
    expect(html).not.toContain('<svg');
    expect(renderInsightsCsv(empty)).toBe('week,first_day,last_day,metric,value\r\n');
  });
});

describe('the CSV', () => {
  it('has one row per week and metric, then the totals, all suppressed', () => {
    const { header, rows } = parseCsv(renderInsightsCsv(busyWeeks));

    expect(header).toBe('week,first_day,last_day,metric,value');
    const derivedMetrics = 1 + 7 + 2;
    expect(rows).toHaveLength((TWELVE_WEEKS.length + 1) * (PUBLISHED_METRICS.length + derivedMetrics));
    expect(rows[0]).toEqual({ week: '2026-W02', firstDay: '2026-01-05', lastDay: '2026-01-11', metric: 'intent:guidance', value: '<5' });
    expect(rows.filter((row) => row.week === 'total')[0]).toMatchObject({ firstDay: '2026-01-05', lastDay: '2026-03-29' });
    for (const row of rows) {
      if ((PUBLISHED_METRICS as readonly string[]).includes(row.metric)) {
        expect({ row, safe: isSafeCount(/^\d+$/.test(row.value) ? Number(row.value) : row.value, 5) }).toEqual({ row, safe: true });
      } else if (row.metric.startsWith('feedback:helpful-rate')) {
        expect(row.value).toMatch(/^$|^0\.\d{2}$|^1\.00$/);
      } else {
        expect(row.value).toMatch(/^$|^\d+-\d+$|^\d+\+$/);
      }
    }
  });
});

describe('the chart for the Teams summary card', () => {
  it('shows the last eight weeks by default, as standalone SVG', () => {
    const svg = renderWeeklyChartSvg(busyWeeks, 8, REPORT_TEXTS.en);

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<text class="week"[^>]*>(W\d{2})<\/text>/g)?.map((label) => label.replace(/<[^>]+>/g, ''))).toEqual([
      'W06', 'W07', 'W08', 'W09', 'W10', 'W11', 'W12', 'W13',
    ]);
    expect(openAndCloseTagsBalance(svg)).toBe(true);
    expect(smallNumbersInVisibleText(svg)).toEqual([]);
  });

  it('takes another number of weeks and Dutch labels', () => {
    const svg = renderWeeklyChartSvg(busyWeeks, 4, REPORT_TEXTS.nl);

    expect(svg.match(/<text class="week"/g)).toHaveLength(4);
    expect(svg).toContain(REPORT_TEXTS.nl.charts.lastWeeks);
    expect(svg).toContain('Seksuele intimidatie');
  });
});

/** A light well-formedness check: every opened element is closed in order (void and self-closing aside). */
function openAndCloseTagsBalance(markup: string): boolean {
  const voidElements = new Set(['meta', 'br', 'img', 'link', 'input', 'hr']);
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of markup.replace(/<!doctype[^>]*>/i, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (selfClosing || voidElements.has(name!.toLowerCase())) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}
