import { INTENTS, LOCALES, PERSPECTIVES, ROLES, TOPICS, type Locale } from '../guidance/vocabulary';
import { CASE_MODES, OUTCOME_CATEGORIES } from '../handoff/handoffCase';
import { MINUTES_TO_CLAIM_EDGES } from './insightEvents';
import { CLAIMED_WITHIN_METRICS, type InsightsReport, type MinuteRange, type PublishedCount, type PublishedFigures, type PublishedMetric } from './insightsReport';
import { escapeMarkup } from './markupEscaping';
import { handoffFunnelSvg, helpfulRateChartSvg, topicsChartSvg } from './reportCharts';
import { REPORT_SECTIONS, formatMinuteRange, formatMinutes, formatRate, metricLabel, type ReportSection, type ReportTexts } from './reportTexts';

/**
 * The report as a programme lead opens it: a self-contained HTML page (inline CSS and SVG, no
 * external assets). It renders an InsightsReport only, so it can show nothing the disclosure
 * rule did not already publish.
 */

/** A table row: a label and how to show the row's figure for a week or the totals. */
type Cell =
  | { readonly kind: 'count'; readonly value: PublishedCount }
  | { readonly kind: 'rate'; readonly value: number | null }
  | { readonly kind: 'duration'; readonly value: MinuteRange | null };

interface TableRow {
  /** Escaped HTML. */
  readonly labelHtml: string;
  readonly cell: (figures: PublishedFigures) => Cell;
}

export function renderInsightsHtml(report: InsightsReport, t: ReportTexts, locale: Locale): string {
  const k = report.kAnonymityThreshold;
  const periodText = report.period
    ? `${dateHtml(report.period.from)} – ${dateHtml(report.period.to)} (${escapeMarkup(t.isoWeeks)} ${weekHtml(report.weeks[0]!.week)} – ${weekHtml(report.weeks[report.weeks.length - 1]!.week)})`
    : escapeMarkup(t.noClosedWeeks);
  const body = [
    `<h1>${escapeMarkup(t.title)}</h1>`,
    `<p class="intro">${escapeMarkup(t.intro)}</p>`,
    '<dl class="period">',
    `<dt>${escapeMarkup(t.period)}</dt><dd>${periodText}</dd>`,
    `<dt>${escapeMarkup(t.requestedPeriod)}</dt><dd>${dateHtml(report.requested.from)} – ${dateHtml(report.requested.to)}</dd>`,
    report.weeksNotYetClosed.length > 0
      ? `<dt>${escapeMarkup(t.weeksNotYetClosed)}</dt><dd>${report.weeksNotYetClosed.map(weekHtml).join(', ')}</dd>`
      : '',
    '</dl>',
    `<section class="rules"><h2>${escapeMarkup(t.howToRead)}</h2><ul>${t.readingRules
      .map((rule) => `<li>${escapeMarkup(rule.replaceAll('{k}', String(k)))}</li>`)
      .join('')}</ul></section>`,
  ];
  if (report.weeks.length > 0) {
    body.push(keyFiguresHtml(report, t));
    body.push(
      '<section class="charts">',
      figureHtml(topicsChartSvg(report, report.weeks.length, t, 760)),
      figureHtml(helpfulRateChartSvg(report, t)),
      figureHtml(handoffFunnelSvg(report, t)),
      '</section>',
    );
    for (const section of REPORT_SECTIONS) body.push(sectionTableHtml(report, section, t));
  }
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(t.title)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLESHEET = [
  'body{font-family:"Segoe UI",system-ui,sans-serif;color:#242424;margin:2rem auto;max-width:1100px;padding:0 1rem;line-height:1.45}',
  'h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem}',
  '.intro{color:#555}.period{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.period dt{font-weight:600}.period dd{margin:0}',
  '.rules{background:#f5f5f5;border-left:4px solid #6264a7;padding:.25rem 1rem}.rules h2{margin-top:.75rem}',
  '.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.75rem}',
  '.tile{border:1px solid #ddd;border-radius:6px;padding:.75rem}.tile .value{font-size:1.5rem;font-weight:600;display:block}',
  'figure{margin:1.5rem 0}svg{max-width:100%;height:auto}',
  '.table-scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem;min-width:100%}',
  'th,td{border-bottom:1px solid #e0e0e0;padding:.3rem .5rem;text-align:right;white-space:nowrap}',
  'th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:#fff}',
  '.total{font-weight:600;background:#fafafa}.muted{color:#888}',
].join('\n');

function keyFiguresHtml(report: InsightsReport, t: ReportTexts): string {
  const { counts, helpfulRate, minutesToClaim } = report.totals;
  const tiles: [string, string][] = [
    [t.figures.guidanceShown, cellHtml({ kind: 'count', value: counts['guidance:shown'] }, t)],
    [t.figures.helpfulRate, cellHtml({ kind: 'rate', value: helpfulRate }, t)],
    [t.figures.urgentRoutesShown, cellHtml({ kind: 'count', value: counts['urgent-route:shown'] }, t)],
    [`${t.sections.handoffs}: ${t.figures.handoffsRequested.toLowerCase()}`, cellHtml({ kind: 'count', value: counts['handoff:requested'] }, t)],
    [t.figures.handoffsClaimed, cellHtml({ kind: 'count', value: counts['handoff:claimed'] }, t)],
    [t.figures.medianTimeToClaim, cellHtml({ kind: 'duration', value: minutesToClaim.median }, t)],
    [t.figures.dialogueRequests, cellHtml({ kind: 'count', value: counts['dialogue:requested'] }, t)],
  ];
  return [
    `<section><h2>${escapeMarkup(t.keyFigures)}</h2><div class="tiles">`,
    ...tiles.map(([label, value]) => `<div class="tile"><span class="value">${value}</span>${escapeMarkup(label)}</div>`),
    '</div></section>',
  ].join('\n');
}

function sectionTableHtml(report: InsightsReport, section: ReportSection, t: ReportTexts): string {
  const rows = sectionRows(section, t);
  const header = [`<th>${escapeMarkup(t.figure)}</th>`, ...report.weeks.map((week) => `<th>${weekHtml(week.week)}</th>`), `<th class="total">${escapeMarkup(t.total)}</th>`];
  const body = rows.map((row) =>
    [
      `<tr><td>${row.labelHtml}</td>`,
      ...report.weeks.map((week) => `<td>${cellHtml(row.cell(week), t)}</td>`),
      `<td class="total">${cellHtml(row.cell(report.totals), t)}</td></tr>`,
    ].join(''),
  );
  return [
    `<section><h2>${escapeMarkup(t.sections[section])}</h2><div class="table-scroll"><table>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table></div></section>',
  ].join('\n');
}

function sectionRows(section: ReportSection, t: ReportTexts): TableRow[] {
  const countRow = (metric: PublishedMetric, labelHtml: string = escapeMarkup(metricLabel(metric, t))): TableRow => ({
    labelHtml,
    cell: (figures) => ({ kind: 'count', value: figures.counts[metric] }),
  });
  switch (section) {
    case 'intents':
      return INTENTS.map((intent) => countRow(`intent:${intent}`));
    case 'guidance':
      return [countRow('guidance:shown'), countRow('urgent-route:shown')];
    case 'topics':
      return TOPICS.map((topic) => countRow(`topic:${topic}`));
    case 'perspectives':
      return PERSPECTIVES.map((perspective) => countRow(`perspective:${perspective}`));
    case 'roles':
      return ROLES.map((role) => countRow(`role:${role}`));
    case 'locales':
      return LOCALES.map((language) => countRow(`locale:${language}`));
    case 'feedback':
      return [
        countRow('feedback:helpful'),
        countRow('feedback:not-helpful'),
        { labelHtml: escapeMarkup(t.figures.helpfulRate), cell: (figures) => ({ kind: 'rate', value: figures.helpfulRate }) },
        ...TOPICS.flatMap((topic): TableRow[] => [
          countRow(`feedback:helpful:${topic}`),
          countRow(`feedback:not-helpful:${topic}`),
          {
            labelHtml: escapeMarkup(`${t.topics[topic]}: ${t.figures.helpfulRate.toLowerCase()}`),
            cell: (figures) => ({ kind: 'rate', value: figures.helpfulRateByTopic[topic] }),
          },
        ]),
      ];
    case 'handoffs':
      return [
        countRow('handoff:requested'),
        ...CASE_MODES.map((mode) => countRow(`handoff:requested:${mode}`)),
        ...TOPICS.map((topic) => countRow(`handoff:requested:topic:${topic}`)),
        countRow('handoff:requested:topic:none'),
        countRow('handoff:claimed'),
        countRow('handoff:cancelled'),
        countRow('handoff:expired'),
      ];
    case 'timeToClaim':
      return [
        {
          labelHtml: escapeMarkup(t.figures.medianTimeToClaim),
          cell: (figures) => ({ kind: 'duration', value: figures.minutesToClaim.median }),
        },
        { labelHtml: escapeMarkup(t.figures.p90TimeToClaim), cell: (figures) => ({ kind: 'duration', value: figures.minutesToClaim.p90 }) },
        ...CLAIMED_WITHIN_METRICS.map((metric, index) =>
          countRow(
            metric,
            `${escapeMarkup(t.figures.claimedWithin)} <span class="duration">${escapeMarkup(formatMinutes(MINUTES_TO_CLAIM_EDGES[index]!, t))}</span>`,
          ),
        ),
      ];
    case 'dialogues':
      return [countRow('dialogue:requested')];
    case 'outcomes':
      return OUTCOME_CATEGORIES.map((outcome) => countRow(`outcome:${outcome}`));
    default:
      return unreachable(section);
  }
}

function cellHtml(cell: Cell, t: ReportTexts): string {
  switch (cell.kind) {
    case 'count':
      return `<span class="count">${escapeMarkup(String(cell.value))}</span>`;
    case 'rate':
      return cell.value === null
        ? `<span class="muted">${escapeMarkup(t.notShown)}</span>`
        : `<span class="rate">${escapeMarkup(formatRate(cell.value))}</span>`;
    case 'duration':
      return cell.value === null
        ? `<span class="muted">${escapeMarkup(t.notShown)}</span>`
        : `<span class="duration">${escapeMarkup(formatMinuteRange(cell.value, t))}</span>`;
    default:
      return unreachable(cell);
  }
}

function figureHtml(svg: string): string {
  return `<figure>${svg}</figure>`;
}

function dateHtml(day: string): string {
  return `<time datetime="${escapeMarkup(day)}">${escapeMarkup(day)}</time>`;
}

function weekHtml(week: string): string {
  return `<span class="week">${escapeMarkup(week)}</span>`;
}

function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
