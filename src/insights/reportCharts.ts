import { TOPICS, type Topic } from '../guidance/vocabulary';
import { lowerBound, type InsightsReport, type PublishedCount } from './insightsReport';
import { escapeMarkup } from './markupEscaping';
import type { ReportTexts } from './reportTexts';

/**
 * The report's charts as plain SVG: drawn from published figures only, each band's lower
 * bound ("<5" as an empty bar). The HTML page embeds them; the Teams summary card gets the
 * weekly chart converted to PNG by the bot layer.
 */

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const TOPIC_COLOURS: Readonly<Record<Topic, string>> = {
  'sexual-harassment': '#CC79A7',
  discrimination: '#E69F00',
  bullying: '#0072B2',
  aggression: '#D55E00',
  'abuse-of-power': '#009E73',
  'research-integrity': '#56B4E9',
  'other-integrity': '#8C8C8C',
};

/**
 * The chart for the programme lead's Teams summary card: guidance shown per topic in each of
 * the report's last `lastWeeks` weeks. Plain SVG with a fixed size; the bot layer converts or
 * serves it.
 */
export function renderWeeklyChartSvg(report: InsightsReport, lastWeeks: number, t: ReportTexts): string {
  return topicsChartSvg(report, lastWeeks, t, 640, t.charts.lastWeeks);
}

export function topicsChartSvg(report: InsightsReport, lastWeeks: number, t: ReportTexts, width: number, title = t.charts.topicsPerWeek): string {
  const weeks = report.weeks.slice(-Math.max(1, lastWeeks));
  return stackedBarChartSvg({
    title,
    width,
    categories: weeks.map((week) => week.week.slice(5)),
    series: TOPICS.map((topic) => ({
      label: t.topics[topic],
      colour: TOPIC_COLOURS[topic],
      values: weeks.map((week) => week.counts[`topic:${topic}`]),
    })),
  });
}

export function helpfulRateChartSvg(report: InsightsReport, t: ReportTexts): string {
  return rateLineChartSvg({
    title: t.charts.helpfulRatePerWeek,
    width: 760,
    categories: report.weeks.map((week) => week.week.slice(5)),
    rates: report.weeks.map((week) => week.helpfulRate),
  });
}

export function handoffFunnelSvg(report: InsightsReport, t: ReportTexts): string {
  const { counts } = report.totals;
  return horizontalBarChartSvg({
    title: t.charts.handoffFunnel,
    width: 760,
    bars: [
      { label: t.figures.handoffsRequested, value: counts['handoff:requested'] },
      { label: t.figures.handoffsClaimed, value: counts['handoff:claimed'] },
      { label: t.figures.handoffsCancelled, value: counts['handoff:cancelled'] },
      { label: t.figures.handoffsExpired, value: counts['handoff:expired'] },
    ],
  });
}

interface StackedBarChart {
  readonly title: string;
  readonly width: number;
  readonly categories: readonly string[];
  readonly series: readonly { readonly label: string; readonly colour: string; readonly values: readonly PublishedCount[] }[];
}

function stackedBarChartSvg(chart: StackedBarChart): string {
  const left = 48;
  const right = 16;
  const top = 36;
  const plotHeight = 200;
  const legendColumns = Math.max(1, Math.floor((chart.width - left) / 190));
  const legendRows = Math.ceil(chart.series.length / legendColumns);
  const height = top + plotHeight + 30 + legendRows * 18 + 8;
  const plotWidth = chart.width - left - right;
  const stackTotals = chart.categories.map((_, index) => chart.series.reduce((sum, series) => sum + lowerBound(series.values[index]!), 0));
  const scale = niceScale(Math.max(0, ...stackTotals));
  const y = (value: number): number => top + plotHeight - (value / scale.top) * plotHeight;
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(48, slot * 0.7);
  const labelEvery = Math.ceil(chart.categories.length / 16);

  const parts = [svgOpen(chart.width, height, chart.title), ...gridLines(scale, left, chart.width - right, y)];
  chart.categories.forEach((category, index) => {
    const x = left + slot * index + (slot - barWidth) / 2;
    let stacked = 0;
    for (const series of chart.series) {
      const value = series.values[index]!;
      const amount = lowerBound(value);
      if (amount > 0) {
        parts.push(
          `<rect x="${fixed(x)}" y="${fixed(y(stacked + amount))}" width="${fixed(barWidth)}" height="${fixed(y(stacked) - y(stacked + amount))}" fill="${series.colour}"><title>${escapeMarkup(`${category} · ${series.label}: ${value}`)}</title></rect>`,
        );
      }
      stacked += amount;
    }
    if (index % labelEvery === 0) {
      parts.push(`<text class="week" x="${fixed(x + barWidth / 2)}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeMarkup(category)}</text>`);
    }
  });
  chart.series.forEach((series, index) => {
    const x = left + (index % legendColumns) * 190;
    const legendY = top + plotHeight + 34 + Math.floor(index / legendColumns) * 18;
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${series.colour}"/>`,
      `<text x="${x + 17}" y="${legendY}">${escapeMarkup(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

interface RateLineChart {
  readonly title: string;
  readonly width: number;
  readonly categories: readonly string[];
  readonly rates: readonly (number | null)[];
}

function rateLineChartSvg(chart: RateLineChart): string {
  const left = 48;
  const right = 16;
  const top = 36;
  const plotHeight = 160;
  const height = top + plotHeight + 30;
  const plotWidth = chart.width - left - right;
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const x = (index: number): number => left + slot * index + slot / 2;
  const y = (rate: number): number => top + plotHeight - rate * plotHeight;
  const labelEvery = Math.ceil(chart.categories.length / 16);
  const parts = [svgOpen(chart.width, height, chart.title)];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${left}" x2="${chart.width - right}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" stroke="#e0e0e0"/>`,
      `<text class="rate" x="${left - 6}" y="${fixed(y(tick) + 4)}" text-anchor="end">${tick * 100}%</text>`,
    );
  }
  // Weeks without a rate break the line rather than being drawn as zero.
  let segment: string[] = [];
  const closeSegment = (): void => {
    if (segment.length > 1) parts.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="#6264a7" stroke-width="2"/>`);
    segment = [];
  };
  chart.rates.forEach((rate, index) => {
    if (rate === null) {
      closeSegment();
      return;
    }
    segment.push(`${fixed(x(index))},${fixed(y(rate))}`);
    parts.push(
      `<circle cx="${fixed(x(index))}" cy="${fixed(y(rate))}" r="3.5" fill="#6264a7"><title>${escapeMarkup(`${chart.categories[index]}: ${Math.round(rate * 100)}%`)}</title></circle>`,
    );
  });
  closeSegment();
  chart.categories.forEach((category, index) => {
    if (index % labelEvery === 0) {
      parts.push(`<text class="week" x="${fixed(x(index))}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeMarkup(category)}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

interface HorizontalBarChart {
  readonly title: string;
  readonly width: number;
  readonly bars: readonly { readonly label: string; readonly value: PublishedCount }[];
}

function horizontalBarChartSvg(chart: HorizontalBarChart): string {
  const labelWidth = 260;
  const top = 36;
  const rowHeight = 30;
  const height = top + chart.bars.length * rowHeight + 10;
  const plotWidth = chart.width - labelWidth - 70;
  const scale = niceScale(Math.max(0, ...chart.bars.map((bar) => lowerBound(bar.value))));
  const parts = [svgOpen(chart.width, height, chart.title)];
  chart.bars.forEach((bar, index) => {
    const barY = top + index * rowHeight;
    const length = (lowerBound(bar.value) / scale.top) * plotWidth;
    parts.push(
      `<text x="${labelWidth - 8}" y="${barY + 17}" text-anchor="end">${escapeMarkup(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${barY + 4}" width="${fixed(length)}" height="20" fill="#6264a7"/>`,
      `<text class="count" x="${fixed(labelWidth + length + 6)}" y="${barY + 18}">${escapeMarkup(String(bar.value))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="12" fill="#242424">` +
    `<title>${escapeMarkup(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<text x="8" y="20" font-size="14" font-weight="600">${escapeMarkup(title)}</text>`
  );
}

function gridLines(scale: { top: number; step: number }, x1: number, x2: number, y: (value: number) => number): string[] {
  const lines: string[] = [];
  for (let tick = 0; tick <= scale.top; tick += scale.step) {
    lines.push(
      `<line x1="${x1}" x2="${x2}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" stroke="#e0e0e0"/>`,
      `<text class="tick" x="${x1 - 6}" y="${fixed(y(tick) + 4)}" text-anchor="end">${tick}</text>`,
    );
  }
  return lines;
}

/** Axis steps are multiples of 5, so no tick label reads like a small count. */
function niceScale(maximum: number): { top: number; step: number } {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [5, 10, 20, 25, 50]) {
      const step = factor * magnitude;
      if (maximum <= step * 5) return { top: Math.max(step, Math.ceil(maximum / step) * step), step };
    }
  }
}

function fixed(value: number): string {
  return value.toFixed(1);
}

