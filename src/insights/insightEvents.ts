import {
  INTENTS,
  LOCALES,
  PERSPECTIVES,
  ROLES,
  TOPICS,
  isLocale,
  isPerspective,
  isRole,
  isTopic,
  type Intent,
  type Locale,
  type Perspective,
  type Role,
  type Topic,
} from '../guidance/vocabulary';
import { CASE_MODES, OUTCOME_CATEGORIES, type CaseMode, type OutcomeCategory } from '../handoff/handoffCase';
import { addDays, calendarDayOf, isoWeekOfDay, type IsoWeek } from '../shared/calendarDays';

/**
 * What the bot tells the programme's insights, and how each event is counted. Events carry
 * only vocabulary ids, a yes/no or a duration: never text, never a person or case id, and no
 * time finer than the ISO week the recorder files them under (PRODUCT.md, "Minimal data").
 */

export { OUTCOME_CATEGORIES, type OutcomeCategory } from '../handoff/handoffCase';

export type InsightEvent =
  | { readonly kind: 'intent'; readonly intent: Intent }
  | {
      readonly kind: 'guidanceShown';
      readonly topic: Topic;
      readonly perspective: Perspective;
      readonly role: Role;
      readonly locale: Locale;
    }
  | { readonly kind: 'guidanceFeedback'; readonly helpful: boolean; readonly topic: Topic }
  | { readonly kind: 'urgentRouteShown' }
  | { readonly kind: 'handoffRequested'; readonly mode: CaseMode; readonly topic: Topic | null }
  | { readonly kind: 'handoffClaimed'; readonly minutesToClaim: number }
  | { readonly kind: 'handoffCancelled' }
  | { readonly kind: 'handoffExpired' }
  | { readonly kind: 'dialogueRequested' }
  | { readonly kind: 'caseClosed'; readonly outcome: OutcomeCategory };

/** The stored counters; their names are part of the stored format and of the CSV report. */
export type CounterName =
  | `intent:${Intent}`
  | 'guidance:shown'
  | `topic:${Topic}`
  | `perspective:${Perspective}`
  | `role:${Role}`
  | `locale:${Locale}`
  | 'feedback:helpful'
  | 'feedback:not-helpful'
  | `feedback:helpful:${Topic}`
  | `feedback:not-helpful:${Topic}`
  | 'urgent-route:shown'
  | 'handoff:requested'
  | `handoff:requested:${CaseMode}`
  | `handoff:requested:topic:${Topic | 'none'}`
  | 'handoff:claimed'
  | 'handoff:cancelled'
  | 'handoff:expired'
  | 'dialogue:requested'
  | `outcome:${OutcomeCategory}`;

/** Every counter, in the order reports list them. */
export const COUNTER_NAMES: readonly CounterName[] = Object.freeze([
  ...INTENTS.map((intent) => `intent:${intent}` as const),
  'guidance:shown',
  ...TOPICS.map((topic) => `topic:${topic}` as const),
  ...PERSPECTIVES.map((perspective) => `perspective:${perspective}` as const),
  ...ROLES.map((role) => `role:${role}` as const),
  ...LOCALES.map((locale) => `locale:${locale}` as const),
  'feedback:helpful',
  'feedback:not-helpful',
  ...TOPICS.map((topic) => `feedback:helpful:${topic}` as const),
  ...TOPICS.map((topic) => `feedback:not-helpful:${topic}` as const),
  'urgent-route:shown',
  'handoff:requested',
  ...CASE_MODES.map((mode) => `handoff:requested:${mode}` as const),
  ...TOPICS.map((topic) => `handoff:requested:topic:${topic}` as const),
  'handoff:requested:topic:none',
  'handoff:claimed',
  'handoff:cancelled',
  'handoff:expired',
  'dialogue:requested',
  ...OUTCOME_CATEGORIES.map((outcome) => `outcome:${outcome}` as const),
]);

/**
 * Time from request to claim is kept as a histogram, never as individual durations. These are
 * the buckets' upper edges in minutes (exclusive); one more bucket holds everything from a week
 * up. Buckets: 0-5, 5-15, 15-30, 30-60 min, 1-2 h, 2-4 h, 4-8 h, 8-24 h, 1-2 days, 2-7 days,
 * 7 days and more. A median or p90 is therefore known to its bucket, roughly a factor of two.
 */
export const MINUTES_TO_CLAIM_EDGES = Object.freeze([5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080] as const);
export type MinutesToClaimEdge = (typeof MINUTES_TO_CLAIM_EDGES)[number];

export type MinutesToClaimBucket = `${number}-${MinutesToClaimEdge}` | `${MinutesToClaimEdge}+`;

export const MINUTES_TO_CLAIM_BUCKETS: readonly MinutesToClaimBucket[] = Object.freeze([
  ...MINUTES_TO_CLAIM_EDGES.map((edge, index) => `${index === 0 ? 0 : MINUTES_TO_CLAIM_EDGES[index - 1]}-${edge}` as const),
  `${MINUTES_TO_CLAIM_EDGES[MINUTES_TO_CLAIM_EDGES.length - 1]}+` as const,
]);

export function minutesToClaimBucket(minutes: number): MinutesToClaimBucket {
  const index = MINUTES_TO_CLAIM_EDGES.findIndex((edge) => minutes < edge);
  return MINUTES_TO_CLAIM_BUCKETS[index === -1 ? MINUTES_TO_CLAIM_BUCKETS.length - 1 : index]!;
}

/** What one event adds: one to each counter named, and one to a time-to-claim bucket. */
export interface EventCounts {
  readonly counters: readonly CounterName[];
  readonly minutesToClaimBucket?: MinutesToClaimBucket;
}

export type CountingOutcome =
  | { readonly outcome: 'counted'; readonly counts: EventCounts }
  /** The field is named, never its value: a caller bug could have put text there. */
  | { readonly outcome: 'rejected'; readonly field: string };

/**
 * The counters an event increments. Ids are checked at run time as well as by the compiler,
 * because a counter name is built from them: a stray string would otherwise end up stored.
 */
export function countEvent(event: InsightEvent): CountingOutcome {
  const counted = (...counters: CounterName[]): CountingOutcome => ({ outcome: 'counted', counts: { counters } });
  const rejected = (field: string): CountingOutcome => ({ outcome: 'rejected', field });
  switch (event.kind) {
    case 'intent':
      return (INTENTS as readonly string[]).includes(event.intent) ? counted(`intent:${event.intent}`) : rejected('intent');
    case 'guidanceShown':
      if (!isTopic(event.topic)) return rejected('topic');
      if (!isPerspective(event.perspective)) return rejected('perspective');
      if (!isRole(event.role)) return rejected('role');
      if (!isLocale(event.locale)) return rejected('locale');
      return counted(
        'guidance:shown',
        `topic:${event.topic}`,
        `perspective:${event.perspective}`,
        `role:${event.role}`,
        `locale:${event.locale}`,
      );
    case 'guidanceFeedback':
      if (!isTopic(event.topic)) return rejected('topic');
      if (typeof event.helpful !== 'boolean') return rejected('helpful');
      return event.helpful
        ? counted('feedback:helpful', `feedback:helpful:${event.topic}`)
        : counted('feedback:not-helpful', `feedback:not-helpful:${event.topic}`);
    case 'urgentRouteShown':
      return counted('urgent-route:shown');
    case 'handoffRequested':
      if (!(CASE_MODES as readonly string[]).includes(event.mode)) return rejected('mode');
      if (event.topic !== null && !isTopic(event.topic)) return rejected('topic');
      return counted('handoff:requested', `handoff:requested:${event.mode}`, `handoff:requested:topic:${event.topic ?? 'none'}`);
    case 'handoffClaimed':
      if (typeof event.minutesToClaim !== 'number' || !Number.isFinite(event.minutesToClaim) || event.minutesToClaim < 0) {
        return rejected('minutesToClaim');
      }
      return {
        outcome: 'counted',
        counts: { counters: ['handoff:claimed'], minutesToClaimBucket: minutesToClaimBucket(event.minutesToClaim) },
      };
    case 'handoffCancelled':
      return counted('handoff:cancelled');
    case 'handoffExpired':
      return counted('handoff:expired');
    case 'dialogueRequested':
      return counted('dialogue:requested');
    case 'caseClosed':
      return (OUTCOME_CATEGORIES as readonly string[]).includes(event.outcome)
        ? counted(`outcome:${event.outcome}`)
        : rejected('outcome');
    default:
      return rejected('kind');
  }
}

/*
 * The time unit: the ISO week ("2026-W03", Monday to Sunday), taken in the organisation's
 * time zone (content/organisation.json, officeHours.timeZone) so a request at 00:30 on a Monday
 * in Amsterdam counts in that Monday's week. The day and week arithmetic is src/shared/calendarDays.ts.
 */

/** Only for callers that have no content to read the organisation's zone from (unit tests of the week arithmetic). */
export const INSIGHTS_TIME_ZONE = 'Europe/Amsterdam';

/** The week an event at `at` counts in. */
export function isoWeekOf(at: Date, timeZone: string = INSIGHTS_TIME_ZONE): IsoWeek {
  return isoWeekOfDay(calendarDayOf(at, timeZone));
}

/**
 * A week closes a whole day after its Sunday, on the Tuesday in the organisation's time zone.
 * On the Monday other instances may still be writing into it: buffered counts a flush interval
 * (30 s) after midnight, and counts a failed write keeps for a later flush (the store down, or
 * in conflict). Published then, the week could show other figures in a later report. From then on
 * its figures never change: "forget me" seals such a week instead of taking tags out of it.
 */
const DAYS_A_WEEK_STAYS_OPEN_AFTER_ITS_SUNDAY = 1;

export function latestClosedWeek(now: Date, timeZone: string = INSIGHTS_TIME_ZONE): IsoWeek {
  return isoWeekOfDay(addDays(calendarDayOf(now, timeZone), -7 - DAYS_A_WEEK_STAYS_OPEN_AFTER_ITS_SUNDAY));
}
