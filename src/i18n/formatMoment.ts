import type { Locale } from '../guidance/vocabulary';

/** How a moment is written for a reader, by where it is shown. */
const MOMENT_STYLES = {
  /** "24-11-2026, 10:30": a row of the audit trail. */
  compact: { dateStyle: 'short', timeStyle: 'short' },
  /** "di 24 nov, 10:30": when a request came in, on an adviser's case card. */
  caseCard: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  /** "Wednesday 25 November at 08:00": when a check-in reminder will come. */
  dayAndTime: { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' },
  /** "24 November 2026 at 10:30": when a note was written down. */
  dateAndTime: { dateStyle: 'long', timeStyle: 'short' },
  /** "5 December 2026": a calendar day, with no time. */
  date: { dateStyle: 'long' },
  /** "11:02": when something may be done again within the hour. */
  time: { hour: '2-digit', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type MomentStyle = keyof typeof MOMENT_STYLES;

// Building an Intl.DateTimeFormat costs more than formatting with it, and every refresh of every
// adviser's card formats. Two languages, six styles and the zones people are in stay far below the
// cap, which only keeps a client that sends ever new spellings of zones from growing it.
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATS = 1000;

/** A moment in the reader's language and time zone (a zone Intl does not know throws a RangeError). */
export function formatMoment(moment: Date, reader: { readonly locale: Locale; readonly timeZone: string }, style: MomentStyle): string {
  const key = `${style}|${reader.locale}|${reader.timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(reader.locale === 'nl' ? 'nl-NL' : 'en-GB', { ...MOMENT_STYLES[style], timeZone: reader.timeZone });
    if (formats.size >= MAX_CACHED_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format.format(moment);
}
