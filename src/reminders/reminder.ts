import type { Locale, Topic } from '../guidance/vocabulary';

/** When a bystander wants to be reminded to check in with the person it happened to. */
export const REMINDER_CHOICES = ['tomorrowMorning', 'afterShift', 'inTwoDays'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];

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
  const today = localDate(now, timeZone);
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

export function newReminder(input: { personKey: string; topic: Topic; locale: Locale; choice: ReminderChoice; timeZone: string }, now: Date, hours: ReminderHours): Reminder {
  return {
    personKey: input.personKey,
    topic: input.topic,
    locale: input.locale,
    dueAt: dueTimeFor(input.choice, now, hours, input.timeZone).toISOString(),
    timeZone: input.timeZone,
    setAt: now.toISOString(),
  };
}

export function isDue(reminder: Reminder, now: Date): boolean {
  return new Date(reminder.dueAt) <= now;
}

interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function localDate(moment: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(moment);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function addDays(date: CalendarDay, days: number): CalendarDay {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The instant a wall-clock hour on a calendar day is in a time zone, daylight saving time included. */
function atLocalTime(date: CalendarDay, hour: number, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day, hour);
  // The zone's offset at the guess, then once more at the result: right on either side of a DST change.
  const first = wallClock - offsetMs(new Date(wallClock), timeZone);
  return new Date(wallClock - offsetMs(new Date(first), timeZone));
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
