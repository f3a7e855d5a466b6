/**
 * Calendar days ("2026-01-31") and ISO weeks ("2026-W03", Monday to Sunday), the one set of day
 * arithmetic for the insights (the week an event counts in) and the reminders (the day a choice
 * means). A day is a string, so it compares, sorts and stores as it reads; the zone is always the
 * caller's, since it decides which day a moment falls on.
 */

/** A calendar date, "2026-01-31". */
export type CalendarDay = string;
export type IsoWeek = `${number}-W${string}`;

const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const CALENDAR_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 24 * 60 * 60 * 1000;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day a moment falls on in a time zone. Throws RangeError for an unknown zone. */
export function calendarDayOf(at: Date, timeZone: string): CalendarDay {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD; cached because recording insights sits on the bot's hot path.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

/** "2026-12-24" is one; 30 February, month 13 and "2026-1-05" are not. */
export function isCalendarDay(text: string): boolean {
  const match = CALENDAR_DAY_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(midnightUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day's midnight as a UTC instant: the wall clock of that day, before any zone is applied. */
export function midnightUtc(day: CalendarDay): number {
  if (!isCalendarDay(day)) throw new RangeError('not a calendar day (YYYY-MM-DD)');
  return Date.parse(`${day}T00:00:00Z`);
}

export function isIsoWeek(text: string): text is IsoWeek {
  const match = ISO_WEEK_PATTERN.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= isoWeeksInYear(Number(match[1]));
}

export function isoWeekOfDay(day: CalendarDay): IsoWeek {
  const date = new Date(midnightUtc(day));
  const mondayBased = (date.getUTCDay() + 6) % 7;
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(date.getTime() + (3 - mondayBased) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function firstDayOfIsoWeek(week: IsoWeek): CalendarDay {
  const match = ISO_WEEK_PATTERN.exec(week);
  if (!match) throw new RangeError('not an ISO week');
  const year = Number(match[1]);
  // 4 January is always in week 1.
  const fourthOfJanuary = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeekOne = fourthOfJanuary.getTime() - ((fourthOfJanuary.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(mondayOfWeekOne + (Number(match[2]) - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

export function lastDayOfIsoWeek(week: IsoWeek): CalendarDay {
  return addDays(firstDayOfIsoWeek(week), 6);
}

/** The weeks from `first` to `last`, both included; empty when `last` comes before `first`. */
export function isoWeeksFromTo(first: IsoWeek, last: IsoWeek): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let monday = firstDayOfIsoWeek(first); monday <= firstDayOfIsoWeek(last); monday = addDays(monday, 7)) {
    weeks.push(isoWeekOfDay(monday));
  }
  return weeks;
}

function isoWeeksInYear(year: number): number {
  return isoWeekOfDay(`${year}-12-28`) === `${year}-W53` ? 53 : 52;
}
