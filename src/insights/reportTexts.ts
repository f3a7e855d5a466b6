import type { Translate } from '../i18n/translator';
import { INTENTS, LOCALES, PERSPECTIVES, ROLES, TOPICS, type Intent, type Locale, type Perspective, type Role, type Topic } from '../guidance/vocabulary';
import { CASE_MODES, OUTCOME_CATEGORIES, type CaseMode, type OutcomeCategory } from '../handoff/handoffCase';
import type { MinuteRange, PublishedMetric } from './insightsReport';

/**
 * The report's words, read from `content/strings` (keys `report.*`) like every other text the
 * bot shows, and the few formatters that turn published figures into readable labels. The
 * HTML page, the CSV and the charts take a ReportTexts, so none of them holds a sentence.
 */

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

const FIXED_TEXTS = [
  'title',
  'intro',
  'period',
  'requestedPeriod',
  'isoWeeks',
  'noClosedWeeks',
  'weeksNotYetClosed',
  'howToRead',
  'keyFigures',
  'total',
  'figure',
  'notShown',
] as const;
const CHART_TEXTS = ['topicsPerWeek', 'helpfulRatePerWeek', 'handoffFunnel', 'lastWeeks'] as const;
const FIGURE_TEXTS = [
  'guidanceShown',
  'urgentRoutesShown',
  'helpful',
  'notHelpful',
  'helpfulRate',
  'handoffsRequested',
  'handoffsClaimed',
  'handoffsCancelled',
  'handoffsExpired',
  'handoffsWithoutTopic',
  'claimedWithin',
  'medianTimeToClaim',
  'p90TimeToClaim',
  'dialogueRequests',
] as const;
const UNIT_TEXTS = ['minutes', 'hours', 'day', 'days'] as const;
const READING_RULES = [1, 2, 3, 4] as const;

export type ReportTexts = Readonly<Record<(typeof FIXED_TEXTS)[number], string>> & {
  /** `{k}` is still in the text: the page replaces it with the report's threshold. */
  readonly readingRules: readonly string[];
  readonly sections: Readonly<Record<ReportSection, string>>;
  readonly charts: Readonly<Record<(typeof CHART_TEXTS)[number], string>>;
  readonly figures: Readonly<Record<(typeof FIGURE_TEXTS)[number], string>>;
  readonly intents: Readonly<Record<Intent, string>>;
  readonly topics: Readonly<Record<Topic, string>>;
  readonly perspectives: Readonly<Record<Perspective, string>>;
  readonly roles: Readonly<Record<Role, string>>;
  readonly locales: Readonly<Record<Locale, string>>;
  readonly modes: Readonly<Record<CaseMode, string>>;
  readonly outcomes: Readonly<Record<OutcomeCategory, string>>;
  readonly units: Readonly<Record<(typeof UNIT_TEXTS)[number], string>>;
};

/** The report's texts in the translator's language. */
export function reportTexts(t: Translate): ReportTexts {
  // Each group spells its key out, so the compiler checks every key it builds against STRING_KEYS.
  const group = <Id extends string>(ids: readonly Id[], text: (id: Id) => string): Record<Id, string> =>
    Object.fromEntries(ids.map((id) => [id, text(id)])) as Record<Id, string>;
  return {
    ...(Object.fromEntries(FIXED_TEXTS.map((id) => [id, t(`report.${id}`)])) as Record<(typeof FIXED_TEXTS)[number], string>),
    readingRules: READING_RULES.map((rule) => t(`report.readingRule.${rule}`)),
    sections: group(REPORT_SECTIONS, (id) => t(`report.sections.${id}`)),
    charts: group(CHART_TEXTS, (id) => t(`report.charts.${id}`)),
    figures: group(FIGURE_TEXTS, (id) => t(`report.figures.${id}`)),
    intents: group(INTENTS, (id) => t(`report.intents.${id}`)),
    topics: group(TOPICS, (id) => t(`report.topics.${id}`)),
    perspectives: group(PERSPECTIVES, (id) => t(`report.perspectives.${id}`)),
    roles: group(ROLES, (id) => t(`report.roles.${id}`)),
    locales: group(LOCALES, (id) => t(`report.locales.${id}`)),
    modes: group(CASE_MODES, (id) => t(`report.modes.${id}`)),
    outcomes: group(OUTCOME_CATEGORIES, (id) => t(`report.outcomes.${id}`)),
    units: group(UNIT_TEXTS, (id) => t(`report.units.${id}`)),
  };
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

export function formatRate(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function formatMinuteRange(range: MinuteRange, t: ReportTexts): string {
  if (range.toMinutes === null) return `≥ ${formatMinutes(range.fromMinutes, t)}`;
  const [scale, unit] = unitFor(range.toMinutes, t);
  const to = range.toMinutes / scale;
  return `${range.fromMinutes / scale}–${to} ${to === 1 && scale === DAY_MINUTES ? t.units.day : unit}`;
}

export function formatMinutes(minutes: number, t: ReportTexts): string {
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
