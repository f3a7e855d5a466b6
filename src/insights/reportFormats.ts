import { INTENTS, LOCALES, PERSPECTIVES, ROLES, TOPICS, type Intent, type Locale, type Perspective, type Role, type Topic } from '../guidance/vocabulary';
import { CASE_MODES, OUTCOME_CATEGORIES, type CaseMode, type OutcomeCategory } from '../handoff/handoffCase';
import { MINUTES_TO_CLAIM_EDGES } from './insightEvents';
import {
  CLAIMED_WITHIN_METRICS,
  PUBLISHED_METRICS,
  lowerBound,
  type InsightsReport,
  type MinuteRange,
  type PublishedCount,
  type PublishedFigures,
  type PublishedMetric,
} from './insightsReport';

/**
 * The report as a programme lead opens it: a self-contained HTML page (inline CSS and SVG, no
 * external assets), a CSV of every published figure, and an SVG chart for the Teams summary
 * card. They render an InsightsReport only, so they can show nothing the disclosure rule did
 * not already publish; charts draw each band's lower bound ("<5" as an empty bar).
 */

export interface ReportTexts {
  readonly title: string;
  readonly intro: string;
  readonly period: string;
  readonly requestedPeriod: string;
  readonly isoWeeks: string;
  readonly noClosedWeeks: string;
  readonly weeksNotYetClosed: string;
  readonly howToRead: string;
  /** `{k}` is replaced by the threshold. */
  readonly readingRules: readonly string[];
  readonly keyFigures: string;
  readonly total: string;
  readonly figure: string;
  readonly notShown: string;
  readonly sections: Readonly<Record<ReportSection, string>>;
  readonly charts: {
    readonly topicsPerWeek: string;
    readonly helpfulRatePerWeek: string;
    readonly handoffFunnel: string;
    readonly lastWeeks: string;
  };
  readonly figures: {
    readonly guidanceShown: string;
    readonly urgentRoutesShown: string;
    readonly helpful: string;
    readonly notHelpful: string;
    readonly helpfulRate: string;
    readonly handoffsRequested: string;
    readonly handoffsClaimed: string;
    readonly handoffsCancelled: string;
    readonly handoffsExpired: string;
    readonly handoffsWithoutTopic: string;
    readonly claimedWithin: string;
    readonly medianTimeToClaim: string;
    readonly p90TimeToClaim: string;
    readonly dialogueRequests: string;
  };
  readonly intents: Readonly<Record<Intent, string>>;
  readonly topics: Readonly<Record<Topic, string>>;
  readonly perspectives: Readonly<Record<Perspective, string>>;
  readonly roles: Readonly<Record<Role, string>>;
  readonly locales: Readonly<Record<Locale, string>>;
  readonly modes: Readonly<Record<CaseMode, string>>;
  readonly outcomes: Readonly<Record<OutcomeCategory, string>>;
  readonly units: { readonly minutes: string; readonly hours: string; readonly day: string; readonly days: string };
}

export const REPORT_SECTIONS = [
  'intents',
  'guidance',
  'topics',
  'perspectives',
  'roles',
  'locales',
  'feedback',
  'handoffs',
  'timeToClaim',
  'dialogues',
  'outcomes',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const REPORT_TEXTS: Readonly<Record<Locale, ReportTexts>> = {
  en: {
    title: 'Programme insights: bystander support bot',
    intro: 'Anonymous figures on what people ask the bot about and whether it helps. No text, names or ids are stored; counts are kept per ISO week only.',
    period: 'Period',
    requestedPeriod: 'Requested',
    isoWeeks: 'ISO weeks',
    noClosedWeeks: 'No week of this period has closed yet, so there are no figures to show.',
    weeksNotYetClosed: 'Left out because they have not closed yet',
    howToRead: 'How to read these figures',
    readingRules: [
      'A count below {k}, including none at all, is shown as "<{k}". Every other count is rounded down to a multiple of {k}: "10" means 10 to 14.',
      'Totals are computed from the exact counts and then rounded the same way, so they need not equal the sum of the weeks shown.',
      'Only whole, closed ISO weeks (Monday to Sunday) are reported, so a week shows the same figures in every report.',
      'Rates and times to claim are estimated from the rounded figures. A rate is left out when both answers were given fewer than {k} times; a time to claim unless at least {k} requests were claimed faster and {k} slower. Times to claim are known to a range of minutes, hours or days.',
    ],
    keyFigures: 'Key figures',
    total: 'Total',
    figure: 'Figure',
    notShown: 'not shown',
    sections: {
      intents: 'What people asked for',
      guidance: 'Guidance shown',
      topics: 'Topics',
      perspectives: 'Perspectives',
      roles: 'Roles',
      locales: 'Languages',
      feedback: 'Was the guidance helpful?',
      handoffs: 'Requests for an advisor',
      timeToClaim: 'Time from request to claim',
      dialogues: 'Team dialogues',
      outcomes: 'Outcomes of closed cases',
    },
    charts: {
      topicsPerWeek: 'Guidance shown per topic, per week',
      helpfulRatePerWeek: 'Share of feedback saying the guidance helped, per week',
      handoffFunnel: 'Requests for an advisor over the period',
      lastWeeks: 'Guidance shown per topic, last weeks',
    },
    figures: {
      guidanceShown: 'Guidance cards shown',
      urgentRoutesShown: 'Emergency routes shown',
      helpful: 'Helpful',
      notHelpful: 'Not helpful',
      helpfulRate: 'Found it helpful',
      handoffsRequested: 'Requested',
      handoffsClaimed: 'Claimed by an advisor',
      handoffsCancelled: 'Cancelled',
      handoffsExpired: 'Expired unclaimed',
      handoffsWithoutTopic: 'No topic',
      claimedWithin: 'Claimed within',
      medianTimeToClaim: 'Median time to claim',
      p90TimeToClaim: '90% claimed within',
      dialogueRequests: 'Team dialogues requested',
    },
    intents: {
      guidance: 'What should I do',
      report: 'Report / complaint',
      talk: 'Talk to an advisor',
      'code-of-conduct': 'Code of conduct',
      training: 'E-learning, training, toolkit',
      'team-dialog': 'Team dialogue',
      help: 'Greeting, menu',
    },
    topics: {
      'sexual-harassment': 'Sexual harassment',
      discrimination: 'Discrimination',
      bullying: 'Bullying, exclusion',
      aggression: 'Aggression and violence',
      'abuse-of-power': 'Abuse of power',
      'research-integrity': 'Research integrity',
      'other-integrity': 'Other integrity',
    },
    perspectives: {
      witness: 'Bystander',
      target: 'It happened to me',
      accused: 'Told my behaviour was inappropriate',
      manager: 'Manager who received a signal',
    },
    roles: { employee: 'Employee', student: 'Student', manager: 'Manager' },
    locales: { nl: 'Dutch', en: 'English' },
    modes: { named: 'Named', anonymous: 'Anonymous' },
    outcomes: {
      'advice-given': 'Advice given',
      referred: 'Referred',
      'formal-report': 'Formal report',
      'resolved-informally': 'Resolved informally',
      'no-follow-up': 'No follow-up',
      other: 'Other',
    },
    units: { minutes: 'min', hours: 'h', day: 'day', days: 'days' },
  },
  nl: {
    title: 'Programma-inzichten: omstanderbot',
    intro: 'Anonieme cijfers over waar mensen de bot naar vragen en of die helpt. Er worden geen teksten, namen of id’s bewaard; tellingen alleen per ISO-week.',
    period: 'Periode',
    requestedPeriod: 'Gevraagd',
    isoWeeks: 'ISO-weken',
    noClosedWeeks: 'Nog geen week van deze periode is afgesloten, dus er zijn geen cijfers.',
    weeksNotYetClosed: 'Weggelaten omdat ze nog niet zijn afgesloten',
    howToRead: 'Zo leest u deze cijfers',
    readingRules: [
      'Een aantal onder {k}, ook nul, staat er als "<{k}". Elk ander aantal is naar beneden afgerond op een veelvoud van {k}: "10" betekent 10 tot en met 14.',
      'Totalen worden uit de exacte aantallen berekend en daarna op dezelfde manier afgerond; ze hoeven dus niet gelijk te zijn aan de som van de getoonde weken.',
      'Alleen hele, afgesloten ISO-weken (maandag tot en met zondag) worden getoond, zodat een week in elk rapport dezelfde cijfers heeft.',
      'Percentages en oppaktijden zijn geschat uit de afgeronde cijfers. Een percentage ontbreekt als beide antwoorden minder dan {k} keer zijn gegeven; een oppaktijd tenzij minstens {k} verzoeken sneller en {k} langzamer zijn opgepakt. Oppaktijden zijn bekend tot op een bereik van minuten, uren of dagen.',
    ],
    keyFigures: 'Kerncijfers',
    total: 'Totaal',
    figure: 'Cijfer',
    notShown: 'niet getoond',
    sections: {
      intents: 'Waar mensen om vroegen',
      guidance: 'Getoonde handelingsadviezen',
      topics: 'Onderwerpen',
      perspectives: 'Perspectieven',
      roles: 'Rollen',
      locales: 'Talen',
      feedback: 'Hielp het advies?',
      handoffs: 'Verzoeken om een vertrouwenspersoon',
      timeToClaim: 'Tijd van verzoek tot oppakken',
      dialogues: 'Teamgesprekken',
      outcomes: 'Uitkomsten van afgesloten zaken',
    },
    charts: {
      topicsPerWeek: 'Getoonde adviezen per onderwerp, per week',
      helpfulRatePerWeek: 'Aandeel reacties dat het advies hielp, per week',
      handoffFunnel: 'Verzoeken om een vertrouwenspersoon in de periode',
      lastWeeks: 'Getoonde adviezen per onderwerp, afgelopen weken',
    },
    figures: {
      guidanceShown: 'Getoonde adviezen',
      urgentRoutesShown: 'Getoonde noodroutes',
      helpful: 'Hielp',
      notHelpful: 'Hielp niet',
      helpfulRate: 'Vond het advies nuttig',
      handoffsRequested: 'Aangevraagd',
      handoffsClaimed: 'Opgepakt door een vertrouwenspersoon',
      handoffsCancelled: 'Geannuleerd',
      handoffsExpired: 'Verlopen zonder oppakken',
      handoffsWithoutTopic: 'Geen onderwerp',
      claimedWithin: 'Opgepakt binnen',
      medianTimeToClaim: 'Mediane oppaktijd',
      p90TimeToClaim: '90% opgepakt binnen',
      dialogueRequests: 'Aangevraagde teamgesprekken',
    },
    intents: {
      guidance: 'Wat moet ik doen',
      report: 'Melden / klacht indienen',
      talk: 'Praten met een vertrouwenspersoon',
      'code-of-conduct': 'Gedragscode',
      training: 'E-learning, training, toolkit',
      'team-dialog': 'Teamgesprek',
      help: 'Begroeting, menu',
    },
    topics: {
      'sexual-harassment': 'Seksuele intimidatie',
      discrimination: 'Discriminatie',
      bullying: 'Pesten, buitensluiten',
      aggression: 'Agressie en geweld',
      'abuse-of-power': 'Machtsmisbruik',
      'research-integrity': 'Wetenschappelijke integriteit',
      'other-integrity': 'Overige integriteit',
    },
    perspectives: {
      witness: 'Omstander',
      target: 'Het overkwam mij',
      accused: 'Gedrag werd ongepast genoemd',
      manager: 'Leidinggevende met een signaal',
    },
    roles: { employee: 'Medewerker', student: 'Student', manager: 'Leidinggevende' },
    locales: { nl: 'Nederlands', en: 'Engels' },
    modes: { named: 'Met naam', anonymous: 'Anoniem' },
    outcomes: {
      'advice-given': 'Advies gegeven',
      referred: 'Doorverwezen',
      'formal-report': 'Formele melding',
      'resolved-informally': 'Informeel opgelost',
      'no-follow-up': 'Geen vervolg',
      other: 'Anders',
    },
    units: { minutes: 'min', hours: 'uur', day: 'dag', days: 'dagen' },
  },
};

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

// ---------------------------------------------------------------- HTML

export function renderInsightsHtml(report: InsightsReport, locale: Locale = 'en'): string {
  const t = REPORT_TEXTS[locale];
  const k = report.kAnonymityThreshold;
  const periodText = report.period
    ? `${dateHtml(report.period.from)} – ${dateHtml(report.period.to)} (${escapeHtml(t.isoWeeks)} ${weekHtml(report.weeks[0]!.week)} – ${weekHtml(report.weeks[report.weeks.length - 1]!.week)})`
    : escapeHtml(t.noClosedWeeks);
  const body = [
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p class="intro">${escapeHtml(t.intro)}</p>`,
    '<dl class="period">',
    `<dt>${escapeHtml(t.period)}</dt><dd>${periodText}</dd>`,
    `<dt>${escapeHtml(t.requestedPeriod)}</dt><dd>${dateHtml(report.requested.from)} – ${dateHtml(report.requested.to)}</dd>`,
    report.weeksNotYetClosed.length > 0
      ? `<dt>${escapeHtml(t.weeksNotYetClosed)}</dt><dd>${report.weeksNotYetClosed.map(weekHtml).join(', ')}</dd>`
      : '',
    '</dl>',
    `<section class="rules"><h2>${escapeHtml(t.howToRead)}</h2><ul>${t.readingRules
      .map((rule) => `<li>${escapeHtml(rule.replaceAll('{k}', String(k)))}</li>`)
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
    `<title>${escapeHtml(t.title)}</title>`,
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
    `<section><h2>${escapeHtml(t.keyFigures)}</h2><div class="tiles">`,
    ...tiles.map(([label, value]) => `<div class="tile"><span class="value">${value}</span>${escapeHtml(label)}</div>`),
    '</div></section>',
  ].join('\n');
}

function sectionTableHtml(report: InsightsReport, section: ReportSection, t: ReportTexts): string {
  const rows = sectionRows(section, t);
  const header = [`<th>${escapeHtml(t.figure)}</th>`, ...report.weeks.map((week) => `<th>${weekHtml(week.week)}</th>`), `<th class="total">${escapeHtml(t.total)}</th>`];
  const body = rows.map((row) =>
    [
      `<tr><td>${row.labelHtml}</td>`,
      ...report.weeks.map((week) => `<td>${cellHtml(row.cell(week), t)}</td>`),
      `<td class="total">${cellHtml(row.cell(report.totals), t)}</td></tr>`,
    ].join(''),
  );
  return [
    `<section><h2>${escapeHtml(t.sections[section])}</h2><div class="table-scroll"><table>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table></div></section>',
  ].join('\n');
}

function sectionRows(section: ReportSection, t: ReportTexts): TableRow[] {
  const countRow = (metric: PublishedMetric, labelHtml: string = escapeHtml(metricLabel(metric, t))): TableRow => ({
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
        { labelHtml: escapeHtml(t.figures.helpfulRate), cell: (figures) => ({ kind: 'rate', value: figures.helpfulRate }) },
        ...TOPICS.flatMap((topic): TableRow[] => [
          countRow(`feedback:helpful:${topic}`),
          countRow(`feedback:not-helpful:${topic}`),
          {
            labelHtml: escapeHtml(`${t.topics[topic]}: ${t.figures.helpfulRate.toLowerCase()}`),
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
          labelHtml: escapeHtml(t.figures.medianTimeToClaim),
          cell: (figures) => ({ kind: 'duration', value: figures.minutesToClaim.median }),
        },
        { labelHtml: escapeHtml(t.figures.p90TimeToClaim), cell: (figures) => ({ kind: 'duration', value: figures.minutesToClaim.p90 }) },
        ...CLAIMED_WITHIN_METRICS.map((metric, index) =>
          countRow(
            metric,
            `${escapeHtml(t.figures.claimedWithin)} <span class="duration">${escapeHtml(formatMinutes(MINUTES_TO_CLAIM_EDGES[index]!, t))}</span>`,
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

/** A readable name for every published metric (CSV keeps the ids). */
export function metricLabel(metric: PublishedMetric, t: ReportTexts): string {
  const parts = metric.split(':');
  const [group, first, second, third] = parts;
  switch (group) {
    case 'intent':
      return t.intents[first as Intent];
    case 'guidance':
      return t.figures.guidanceShown;
    case 'topic':
      return t.topics[first as Topic];
    case 'perspective':
      return t.perspectives[first as Perspective];
    case 'role':
      return t.roles[first as Role];
    case 'locale':
      return t.locales[first as Locale];
    case 'feedback': {
      const answer = first === 'helpful' ? t.figures.helpful : t.figures.notHelpful;
      return second ? `${t.topics[second as Topic]}: ${answer.toLowerCase()}` : answer;
    }
    case 'urgent-route':
      return t.figures.urgentRoutesShown;
    case 'handoff':
      if (first === 'requested' && second === 'topic') {
        return `${t.figures.handoffsRequested}: ${third === 'none' ? t.figures.handoffsWithoutTopic.toLowerCase() : t.topics[third as Topic]}`;
      }
      if (first === 'requested' && second) return `${t.figures.handoffsRequested}: ${t.modes[second as CaseMode].toLowerCase()}`;
      if (first === 'requested') return t.figures.handoffsRequested;
      if (first === 'claimed') return t.figures.handoffsClaimed;
      if (first === 'cancelled') return t.figures.handoffsCancelled;
      if (first === 'expired') return t.figures.handoffsExpired;
      return `${t.figures.claimedWithin} ${formatMinutes(Number(second), t)}`;
    case 'dialogue':
      return t.figures.dialogueRequests;
    case 'outcome':
      return t.outcomes[first as OutcomeCategory];
    default:
      return metric;
  }
}

function cellHtml(cell: Cell, t: ReportTexts): string {
  switch (cell.kind) {
    case 'count':
      return `<span class="count">${escapeHtml(String(cell.value))}</span>`;
    case 'rate':
      return cell.value === null
        ? `<span class="muted">${escapeHtml(t.notShown)}</span>`
        : `<span class="rate">${escapeHtml(formatRate(cell.value))}</span>`;
    case 'duration':
      return cell.value === null
        ? `<span class="muted">${escapeHtml(t.notShown)}</span>`
        : `<span class="duration">${escapeHtml(formatMinuteRange(cell.value, t))}</span>`;
    default:
      return unreachable(cell);
  }
}

function figureHtml(svg: string): string {
  return `<figure>${svg}</figure>`;
}

function dateHtml(day: string): string {
  return `<time datetime="${escapeHtml(day)}">${escapeHtml(day)}</time>`;
}

function weekHtml(week: string): string {
  return `<span class="week">${escapeHtml(week)}</span>`;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function formatMinuteRange(range: MinuteRange, t: ReportTexts): string {
  if (range.toMinutes === null) return `≥ ${formatMinutes(range.fromMinutes, t)}`;
  const [scale, unit] = unitFor(range.toMinutes, t);
  const to = range.toMinutes / scale;
  return `${range.fromMinutes / scale}–${to} ${to === 1 && scale === DAY_MINUTES ? t.units.day : unit}`;
}

function formatMinutes(minutes: number, t: ReportTexts): string {
  const [scale, unit] = unitFor(minutes, t);
  const value = minutes / scale;
  return `${value} ${value === 1 && scale === DAY_MINUTES ? t.units.day : unit}`;
}

const DAY_MINUTES = 1440;

function unitFor(minutes: number, t: ReportTexts): [scale: number, unit: string] {
  if (minutes <= 60) return [1, t.units.minutes];
  if (minutes <= DAY_MINUTES) return [60, t.units.hours];
  return [DAY_MINUTES, t.units.days];
}

// ---------------------------------------------------------------- CSV

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

// ---------------------------------------------------------------- SVG charts

/**
 * The chart for the programme lead's Teams summary card: guidance shown per topic in each of
 * the report's last `lastWeeks` weeks. Plain SVG with a fixed size; the bot layer converts or
 * serves it.
 */
export function renderWeeklyChartSvg(report: InsightsReport, lastWeeks: number = 8, locale: Locale = 'en'): string {
  return topicsChartSvg(report, lastWeeks, REPORT_TEXTS[locale], 640, REPORT_TEXTS[locale].charts.lastWeeks);
}

function topicsChartSvg(report: InsightsReport, lastWeeks: number, t: ReportTexts, width: number, title = t.charts.topicsPerWeek): string {
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

function helpfulRateChartSvg(report: InsightsReport, t: ReportTexts): string {
  return rateLineChartSvg({
    title: t.charts.helpfulRatePerWeek,
    width: 760,
    categories: report.weeks.map((week) => week.week.slice(5)),
    rates: report.weeks.map((week) => week.helpfulRate),
  });
}

function handoffFunnelSvg(report: InsightsReport, t: ReportTexts): string {
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
          `<rect x="${fixed(x)}" y="${fixed(y(stacked + amount))}" width="${fixed(barWidth)}" height="${fixed(y(stacked) - y(stacked + amount))}" fill="${series.colour}"><title>${escapeHtml(`${category} · ${series.label}: ${value}`)}</title></rect>`,
        );
      }
      stacked += amount;
    }
    if (index % labelEvery === 0) {
      parts.push(`<text class="week" x="${fixed(x + barWidth / 2)}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeHtml(category)}</text>`);
    }
  });
  chart.series.forEach((series, index) => {
    const x = left + (index % legendColumns) * 190;
    const legendY = top + plotHeight + 34 + Math.floor(index / legendColumns) * 18;
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${series.colour}"/>`,
      `<text x="${x + 17}" y="${legendY}">${escapeHtml(series.label)}</text>`,
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
      `<circle cx="${fixed(x(index))}" cy="${fixed(y(rate))}" r="3.5" fill="#6264a7"><title>${escapeHtml(`${chart.categories[index]}: ${Math.round(rate * 100)}%`)}</title></circle>`,
    );
  });
  closeSegment();
  chart.categories.forEach((category, index) => {
    if (index % labelEvery === 0) {
      parts.push(`<text class="week" x="${fixed(x(index))}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeHtml(category)}</text>`);
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
      `<text x="${labelWidth - 8}" y="${barY + 17}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${barY + 4}" width="${fixed(length)}" height="20" fill="#6264a7"/>`,
      `<text class="count" x="${fixed(labelWidth + length + 6)}" y="${barY + 18}">${escapeHtml(String(bar.value))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="12" fill="#242424">` +
    `<title>${escapeHtml(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<text x="8" y="20" font-size="14" font-weight="600">${escapeHtml(title)}</text>`
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

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
