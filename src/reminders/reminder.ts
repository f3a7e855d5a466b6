import type { Locale, Topic } from '../guidance/vocabulary';
import { DAY_MS, addDays, calendarDayOf, isCalendarDay, midnightUtc, type CalendarDay } from '../shared/calendarDays';

/** When a bystander wants to be reminded to check in with the person it happened to. */
export const REMINDER_CHOICES = ['tomorrowMorning', 'afterShift', 'inTwoDays'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];
/** Or a day and time of their own, from the card's date and time inputs. */
export const CHOSEN_MOMENT = 'chosenMoment';

/** How far ahead a chosen day may be: until the reminder is sent, its time and topic are kept. */
export const CHOSEN_MOMENT_MAX_DAYS = 30;

/** A day and time of the person's own, or why it cannot be one. */
export type ChosenMoment =
  | { readonly outcome: 'ok'; readonly dueAt: Date }
  | { readonly outcome: 'notADayAndTime' | 'passed' | 'tooFarAhead' };

/**
 * One person's reminder to check in. Only what sending it later needs: whose chat (the person
 * key, under which the conversation reference is kept), when, the topic for the sentences, and
 * the language. Nothing the person wrote.
 */
export interface Reminder {
  readonly personKey: string;
  readonly topic: Topic;
  readonly locale: Locale;
  /** ISO instant. */
  readonly dueAt: string;
  /** The time zone the due time was worked out in, so the confirmation and the export say it the same way. */
  readonly timeZone: string;
  readonly setAt: string;
  /**
   * When the sweep handed it to the outbox. The reminder is kept until the outbox has delivered it, so
   * "cancel reminder" and forget me still reach it while Teams refuses the send and the job is retried.
   */
  readonly queuedAt?: string;
}

/** The local hours the choices stand for (REMINDER_MORNING_HOUR, REMINDER_AFTER_SHIFT_HOUR). */
export interface ReminderHours {
  readonly morningHour: number;
  readonly afterShiftHour: number;
}

/**
 * The moment a choice means, in the person's time zone: "tomorrow morning" is tomorrow at the
 * morning hour; "after my shift" today at the end-of-shift hour, or tomorrow if that has passed;
 * "in two days" the morning of the day after tomorrow.
 */
export function dueTimeFor(choice: ReminderChoice, now: Date, hours: ReminderHours, timeZone: string): Date {
  const today = calendarDayOf(now, timeZone);
  switch (choice) {
    case 'tomorrowMorning':
      return atLocalTime(addDays(today, 1), hours.morningHour, timeZone);
    case 'afterShift': {
      const later = atLocalTime(today, hours.afterShiftHour, timeZone);
      return later > now ? later : atLocalTime(addDays(today, 1), hours.afterShiftHour, timeZone);
    }
    case 'inTwoDays':
      return atLocalTime(addDays(today, 2), hours.morningHour, timeZone);
  }
}

/**
 * The moment a day ("2026-12-24") and a wall-clock time ("14:30") from the card mean in the
 * person's time zone: later than now and at most CHOSEN_MOMENT_MAX_DAYS days ahead (to the end of
 * that local day).
 */
export function chosenMomentFor(day: string, time: string, now: Date, timeZone: string): ChosenMoment {
  const clockTime = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  const hour = Number(clockTime?.[1]);
  const minute = Number(clockTime?.[2]);
  if (!isCalendarDay(day) || !clockTime || hour > 23 || minute > 59) return { outcome: 'notADayAndTime' };
  const dueAt = atLocalTime(day, hour, timeZone, minute);
  if (dueAt <= now) return { outcome: 'passed' };
  const lastMoment = atLocalTime(addDays(calendarDayOf(now, timeZone), CHOSEN_MOMENT_MAX_DAYS + 1), 0, timeZone);
  if (dueAt >= lastMoment) return { outcome: 'tooFarAhead' };
  return { outcome: 'ok', dueAt };
}

/** The first and the last day the card lets the person choose, as the date input wants them. */
export function chosenMomentDays(now: Date, timeZone: string): { readonly first: string; readonly last: string } {
  const today = calendarDayOf(now, timeZone);
  return { first: today, last: addDays(today, CHOSEN_MOMENT_MAX_DAYS) };
}

export function newReminder(input: { personKey: string; topic: Topic; locale: Locale; timeZone: string }, dueAt: Date, now: Date): Reminder {
  return {
    personKey: input.personKey,
    topic: input.topic,
    locale: input.locale,
    dueAt: dueAt.toISOString(),
    timeZone: input.timeZone,
    setAt: now.toISOString(),
  };
}

export function isDue(reminder: Reminder, now: Date): boolean {
  return new Date(reminder.dueAt) <= now;
}

/**
 * The instant a wall-clock time on a calendar day is in a time zone, daylight saving time included.
 * A time the clock skips that night (02:30 when it jumps from 02:00 to 03:00) is the same time after
 * the jump (03:30); a time it shows twice (when it goes back) is the first of the two. Both the
 * same way in every zone, whichever side of UTC it lies.
 */
function atLocalTime(date: CalendarDay, hour: number, timeZone: string, minute = 0): Date {
  const wallClock = midnightUtc(date) + (hour * 60 + minute) * 60_000;
  // The zone's offsets a day either side cover any change on the day itself.
  const offsetBefore = offsetMs(new Date(wallClock - DAY_MS), timeZone);
  const offsetAfter = offsetMs(new Date(wallClock + DAY_MS), timeZone);
  const candidates = [wallClock - offsetBefore, wallClock - offsetAfter].sort((a, b) => a - b);
  const showsTheTime = candidates.filter((instant) => instant + offsetMs(new Date(instant), timeZone) === wallClock);
  // No instant shows the time: it lies in the skipped hour, and the offset from before the jump moves it past the jump.
  return new Date(showsTheTime[0] ?? wallClock - offsetBefore);
}

function offsetMs(moment: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(moment);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(moment.getTime() / 1000) * 1000;
}
