import { TOPICS, type Topic } from '../guidance/vocabulary';
import type { EntityStore } from '../storage/entityStore';
import {
  addDays,
  firstDayOfIsoWeek,
  isCalendarDay,
  isoWeekOfDay,
  isoWeeksFromTo,
  lastDayOfIsoWeek,
  type CalendarDay,
  type IsoWeek,
} from '../shared/calendarDays';
import {
  COUNTER_NAMES,
  INSIGHTS_TIME_ZONE,
  MINUTES_TO_CLAIM_BUCKETS,
  MINUTES_TO_CLAIM_EDGES,
  latestClosedWeek,
  type CounterName,
  type MinutesToClaimEdge,
} from './insightEvents';
import { PEOPLE_TAGS_KEPT, readInsightWeek, type ExactWeekCounts } from './insightsRecorder';

/**
 * The programme's report: counts per closed ISO week and over the period, published under one
 * disclosure rule so that no figure, and no combination of figures from reports with
 * overlapping periods, singles a person out.
 *
 * The rule (k = kAnonymityThreshold, default 5):
 * 1. Only whole, closed ISO weeks are published. A period snaps outwards to Monday–Sunday, and
 *    a week is left out until a whole day after it ended (the Tuesday; see latestClosedWeek), so
 *    a week's figures are the same in every report that includes it.
 * 2. Every weekly count that leaves the store is banded: with fewer than k distinct people behind
 *    it, or below k, zero included, it is "<k"; otherwise it is rounded down to a multiple of k
 *    ("10" means 10–14). The week's cumulative time-to-claim counts are banded the same way.
 *    Totals over weeks add up the weeks' published counts, never the exact ones
 *    (sumPublishedCounts): a multiple of k, or "<k" when the sum is below k.
 * 3. Rates and percentiles are computed only from those published counts (each band's
 *    midpoint), so they cannot tell more than the counts; a rate is withheld when its base is
 *    below k, a percentile unless at least k claims lie on each side of it.
 * Hence every published number is a multiple of k, and any sum or difference of published
 * numbers — within a report or between two reports, such as weeks 1–4 against weeks 1–5 — is a
 * multiple of k too: it can never be 1 to k−1.
 *
 * Why these details (test/insights/insightsDisclosure.test.ts checks them exhaustively):
 * - Zero is banded too. With an exact 0, "<k" would mean 1 to k−1, and four weeks each "<5"
 *   under a period total of "<5" would each be exactly 1.
 * - Bands start at a multiple of k. Reading the bands of any two reports over up to five weeks
 *   together never pins a count to 1 … k−2; the only exact inference left is k−1, when every
 *   week of a period sits at the top of its band. Rounding to the nearest multiple would let two
 *   reports pin a 2.
 * - Like every rounding scheme, this does not survive unlimited combination: solving many
 *   figures at once (many reports over long spans, or one event's topic, role and language
 *   breakdowns against each other) can in rare patterns narrow a cell further. That is why
 *   reports go to the programme-lead group only and are not published openly.
 */

export const DEFAULT_K_ANONYMITY_THRESHOLD = 5;
/** Five years of weeks; a longer request is almost certainly a typo. */
export const MAX_REPORT_WEEKS = 261;

export type SuppressedCount = `<${number}`;
/** A multiple of k, at least k; or the "<k" label. */
export type PublishedCount = number | SuppressedCount;

export type ClaimedWithinMetric = `handoff:claimed-within:${MinutesToClaimEdge}`;
export type PublishedMetric = CounterName | ClaimedWithinMetric;

/** Handoffs claimed within each histogram edge, cumulative, so sparse buckets still add up to a publishable count. */
export const CLAIMED_WITHIN_METRICS: readonly ClaimedWithinMetric[] = Object.freeze(
  MINUTES_TO_CLAIM_EDGES.map((edge) => `handoff:claimed-within:${edge}` as const),
);

/** Every published count, in report order. */
export const PUBLISHED_METRICS: readonly PublishedMetric[] = Object.freeze(
  COUNTER_NAMES.flatMap((name): PublishedMetric[] => (name === 'handoff:claimed' ? [name, ...CLAIMED_WITHIN_METRICS] : [name])),
);

/** Minutes from request to claim; `toMinutes` null means "and longer". */
export interface MinuteRange {
  readonly fromMinutes: number;
  readonly toMinutes: number | null;
}

export interface PublishedFigures {
  readonly counts: Readonly<Record<PublishedMetric, PublishedCount>>;
  /** Share of feedback that said "helpful" (0–1, whole percents); null when fewer than k answered. */
  readonly helpfulRate: number | null;
  readonly helpfulRateByTopic: Readonly<Record<Topic, number | null>>;
  /** The histogram bucket holding the median and the 90th percentile; null when fewer than k claims lie on either side. */
  readonly minutesToClaim: { readonly median: MinuteRange | null; readonly p90: MinuteRange | null };
}

export interface WeekFigures extends PublishedFigures {
  readonly week: IsoWeek;
  readonly firstDay: CalendarDay;
  readonly lastDay: CalendarDay;
}

export interface InsightsReport {
  readonly requested: { readonly from: CalendarDay; readonly to: CalendarDay };
  /** Monday of the first to Sunday of the last week reported; null when none has closed yet. */
  readonly period: { readonly from: CalendarDay; readonly to: CalendarDay } | null;
  readonly weeks: readonly WeekFigures[];
  readonly totals: PublishedFigures;
  /** Requested weeks left out because they have not closed yet. */
  readonly weeksNotYetClosed: readonly IsoWeek[];
  readonly kAnonymityThreshold: number;
  readonly suppressedLabel: SuppressedCount;
}

export interface InsightsReportOptions {
  /** First and last calendar day asked for (YYYY-MM-DD, inclusive); both snap to whole ISO weeks. */
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly kAnonymityThreshold?: number;
  /** Decides which weeks have closed; pass the bot's clock. */
  readonly now?: Date;
  readonly timeZone?: string;
}

/** Reads the weeks of the period from the store and publishes them. Throws RangeError on bad options. */
export async function buildInsightsReport(store: EntityStore, options: InsightsReportOptions): Promise<InsightsReport> {
  const { from, to } = options;
  if (!isCalendarDay(from) || !isCalendarDay(to)) throw new RangeError('from and to must be calendar days (YYYY-MM-DD)');
  const kAnonymityThreshold = options.kAnonymityThreshold ?? DEFAULT_K_ANONYMITY_THRESHOLD;
  assertThreshold(kAnonymityThreshold);
  const requestedWeeks = isoWeeksFromTo(isoWeekOfDay(from), isoWeekOfDay(to));
  if (requestedWeeks.length > MAX_REPORT_WEEKS) {
    throw new RangeError(`a report covers at most ${MAX_REPORT_WEEKS} weeks; this period has ${requestedWeeks.length}`);
  }
  const lastClosed = latestClosedWeek(options.now ?? new Date(), options.timeZone ?? INSIGHTS_TIME_ZONE);
  const closedWeeks = requestedWeeks.filter((week) => firstDayOfIsoWeek(week) <= firstDayOfIsoWeek(lastClosed));
  const weeks = await Promise.all(closedWeeks.map(async (week) => ({ week, counts: await readInsightWeek(store, week) })));
  return publishInsights({
    requested: { from, to },
    weeks,
    weeksNotYetClosed: requestedWeeks.filter((week) => !closedWeeks.includes(week)),
    kAnonymityThreshold,
  });
}

export interface ExactInsights {
  readonly requested: { readonly from: CalendarDay; readonly to: CalendarDay };
  readonly weeks: readonly { readonly week: IsoWeek; readonly counts: ExactWeekCounts }[];
  readonly weeksNotYetClosed: readonly IsoWeek[];
  readonly kAnonymityThreshold: number;
}

/** Applies the disclosure rule to exact weekly counts; nothing exact is in what it returns. */
export function publishInsights(exact: ExactInsights): InsightsReport {
  const k = exact.kAnonymityThreshold;
  assertThreshold(k);
  const weeks = exact.weeks.map(({ week, counts }) => ({
    week,
    firstDay: firstDayOfIsoWeek(week),
    lastDay: lastDayOfIsoWeek(week),
    ...publishFigures(counts, k),
  }));
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return {
    requested: exact.requested,
    period: first && last ? { from: first.firstDay, to: last.lastDay } : null,
    weeks,
    totals: deriveFigures(sumPublishedCounts(weeks.map((week) => week.counts), k), k),
    weeksNotYetClosed: exact.weeksNotYetClosed,
    kAnonymityThreshold: k,
    suppressedLabel: suppressedLabel(k),
  };
}

/** The disclosure rule for one count: "<k" below k (zero included), else rounded down to a multiple of k. */
export function publishCount(exactCount: number, k: number = DEFAULT_K_ANONYMITY_THRESHOLD): PublishedCount {
  if (exactCount < k) return suppressedLabel(k);
  return Math.floor(exactCount / k) * k;
}

export function suppressedLabel(k: number): SuppressedCount {
  return `<${k}`;
}

export function isSuppressed(count: PublishedCount): count is SuppressedCount {
  return typeof count === 'string';
}

/** The least the band can hold: what charts draw, so a bar never claims more than was counted. */
export function lowerBound(count: PublishedCount): number {
  return isSuppressed(count) ? 0 : count;
}

/** The last `weeks` closed weeks before `now`, as a period for buildInsightsReport (the Teams summary). */
export function periodOfLastClosedWeeks(
  now: Date,
  weeks: number,
  timeZone: string = INSIGHTS_TIME_ZONE,
): { from: CalendarDay; to: CalendarDay } {
  const last = latestClosedWeek(now, timeZone);
  return { from: addDays(firstDayOfIsoWeek(last), -7 * (Math.max(1, weeks) - 1)), to: lastDayOfIsoWeek(last) };
}

/** The headline figures for the programme lead's summary card. */
export interface InsightsSummary {
  readonly period: InsightsReport['period'];
  readonly weeks: number;
  readonly guidanceShown: PublishedCount;
  readonly helpfulRate: number | null;
  /** Topics with a publishable count, most asked first (at most three). */
  readonly topTopics: readonly { readonly topic: Topic; readonly count: number }[];
  readonly urgentRoutesShown: PublishedCount;
  readonly handoffsRequested: PublishedCount;
  readonly handoffsClaimed: PublishedCount;
  readonly medianMinutesToClaim: MinuteRange | null;
  readonly dialogueRequests: PublishedCount;
  readonly suppressedLabel: SuppressedCount;
}

export function summariseInsights(report: InsightsReport): InsightsSummary {
  const { counts } = report.totals;
  const topTopics = TOPICS.flatMap((topic) => {
    const count = counts[`topic:${topic}`];
    return isSuppressed(count) ? [] : [{ topic, count }];
  })
    .sort((left, right) => right.count - left.count)
    .slice(0, 3);
  return {
    period: report.period,
    weeks: report.weeks.length,
    guidanceShown: counts['guidance:shown'],
    helpfulRate: report.totals.helpfulRate,
    topTopics,
    urgentRoutesShown: counts['urgent-route:shown'],
    handoffsRequested: counts['handoff:requested'],
    handoffsClaimed: counts['handoff:claimed'],
    medianMinutesToClaim: report.totals.minutesToClaim.median,
    dialogueRequests: counts['dialogue:requested'],
    suppressedLabel: report.suppressedLabel,
  };
}

/**
 * One week's figures. A count is published only when at least k distinct people are behind
 * it, so one person's many events (a programme lead padding a week with requests of their own)
 * never make a cell publishable; then it is banded.
 */
function publishFigures(exact: ExactWeekCounts, k: number): PublishedFigures {
  const counts = {} as Record<PublishedMetric, PublishedCount>;
  const people = (names: readonly string[]): number => new Set(names.flatMap((name) => [...(exact.people.get(name) ?? [])])).size;
  const publish = (count: number, behind: number): PublishedCount => (behind >= k ? publishCount(count, k) : suppressedLabel(k));
  for (const name of COUNTER_NAMES) counts[name] = publish(exact.counts.get(name) ?? 0, people([name]));
  let claimedWithin = 0;
  MINUTES_TO_CLAIM_EDGES.forEach((edge, index) => {
    claimedWithin += exact.minutesToClaim.get(MINUTES_TO_CLAIM_BUCKETS[index]!) ?? 0;
    const buckets = MINUTES_TO_CLAIM_BUCKETS.slice(0, index + 1).map((bucket) => `minutes:${bucket}`);
    counts[`handoff:claimed-within:${edge}`] = publish(claimedWithin, people(buckets));
  });
  return deriveFigures(counts, k);
}

/**
 * Totals over weeks add up the weeks' published counts, never the exact ones: so every
 * figure of every report is a function of the weekly figures alone, the same in the Teams
 * card and in any report, and two reports with overlapping periods tell nothing that their
 * weeks did not. A week shown as "<k" adds nothing.
 */
function sumPublishedCounts(weeks: readonly Readonly<Record<PublishedMetric, PublishedCount>>[], k: number): Record<PublishedMetric, PublishedCount> {
  const totals = {} as Record<PublishedMetric, PublishedCount>;
  for (const metric of PUBLISHED_METRICS) {
    const sum = weeks.reduce((total, week) => total + lowerBound(week[metric]), 0);
    totals[metric] = sum < k ? suppressedLabel(k) : sum;
  }
  return totals;
}

/** Takes published counts only, by design: derived figures are post-processing of what is shown anyway. */
function deriveFigures(counts: Record<PublishedMetric, PublishedCount>, k: number): PublishedFigures {
  const helpfulRateByTopic = {} as Record<Topic, number | null>;
  for (const topic of TOPICS) {
    helpfulRateByTopic[topic] = helpfulRate(counts[`feedback:helpful:${topic}`], counts[`feedback:not-helpful:${topic}`], k);
  }
  return {
    counts,
    helpfulRate: helpfulRate(counts['feedback:helpful'], counts['feedback:not-helpful'], k),
    helpfulRateByTopic,
    minutesToClaim: { median: claimQuantile(counts, 0.5, k), p90: claimQuantile(counts, 0.9, k) },
  };
}

/** The middle of a band: "<5" stands for 0–4, "10" for 10–14. */
function midpoint(count: PublishedCount, k: number): number {
  return lowerBound(count) + (k - 1) / 2;
}

function helpfulRate(helpful: PublishedCount, notHelpful: PublishedCount, k: number): number | null {
  // Both below k means fewer than 2k answers, possibly fewer than k: no rate.
  if (isSuppressed(helpful) && isSuppressed(notHelpful)) return null;
  const estimatedHelpful = midpoint(helpful, k);
  return Math.round((estimatedHelpful / (estimatedHelpful + midpoint(notHelpful, k))) * 100) / 100;
}

/**
 * The histogram bucket holding a percentile, estimated from the published cumulative counts.
 * Shown only when at least k claims lie on each side of it (median: 2k claims, p90: 10k), so
 * neither the estimate's rounding nor a handful of slow claims decides it.
 */
function claimQuantile(counts: Record<PublishedMetric, PublishedCount>, quantile: number, k: number): MinuteRange | null {
  const claimed = lowerBound(counts['handoff:claimed']);
  if (claimed * Math.min(quantile, 1 - quantile) < k) return null;
  const wanted = quantile * midpoint(counts['handoff:claimed'], k);
  let fromMinutes = 0;
  for (const edge of MINUTES_TO_CLAIM_EDGES) {
    if (midpoint(counts[`handoff:claimed-within:${edge}`], k) >= wanted) return { fromMinutes, toMinutes: edge };
    fromMinutes = edge;
  }
  return { fromMinutes, toMinutes: null };
}

function assertThreshold(k: number): void {
  if (!Number.isInteger(k) || k < 2 || k > PEOPLE_TAGS_KEPT) {
    throw new RangeError(`kAnonymityThreshold must be a whole number from 2 to ${PEOPLE_TAGS_KEPT}`);
  }
}
