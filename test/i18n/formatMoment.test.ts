import { formatMoment } from '../../src/i18n/formatMoment';

/** The moments cards and messages show, in the reader's language and time zone (src/i18n/formatMoment.ts). */

const winterMorning = new Date('2026-11-24T09:30:00Z');
const summerMorning = new Date('2026-07-01T08:00:00Z');
const amsterdam = (locale: 'nl' | 'en') => ({ locale, timeZone: 'Europe/Amsterdam' });

describe('formatMoment', () => {
  it('writes a case card moment in the adviser\'s language and time zone, summer time included', () => {
    expect(formatMoment(winterMorning, amsterdam('nl'), 'caseCard')).toMatch(/di.* 24 nov.* 10:30/);
    expect(formatMoment(winterMorning, amsterdam('en'), 'caseCard')).toMatch(/Tue.* 24 Nov.* 10:30/);
    expect(formatMoment(winterMorning, { locale: 'en', timeZone: 'America/New_York' }, 'caseCard')).toContain('04:30');
    expect(formatMoment(summerMorning, amsterdam('en'), 'caseCard')).toContain('10:00');
  });

  it('writes each style with its own parts', () => {
    expect(formatMoment(winterMorning, amsterdam('en'), 'dayAndTime')).toMatch(/Tuesday.*24 November.*10:30/);
    expect(formatMoment(winterMorning, amsterdam('nl'), 'dayAndTime')).toMatch(/dinsdag.*24 november.*10:30/);
    expect(formatMoment(winterMorning, amsterdam('nl'), 'compact')).toMatch(/24-11-(20)?26.*10:30/);
    expect(formatMoment(winterMorning, amsterdam('en'), 'dateAndTime')).toMatch(/24 November 2026.*10:30/);
    // A calendar day is written in UTC, so that no time zone moves it to the day before.
    expect(formatMoment(new Date('2026-12-05T12:00:00Z'), { locale: 'nl', timeZone: 'UTC' }, 'date')).toBe('5 december 2026');
    expect(formatMoment(new Date('2026-12-05T12:00:00Z'), { locale: 'en', timeZone: 'UTC' }, 'date')).toBe('5 December 2026');
  });

  describe('with Intl.DateTimeFormat watched', () => {
    let built: jest.SpiedFunction<typeof Intl.DateTimeFormat>;
    beforeEach(() => {
      built = jest.spyOn(Intl, 'DateTimeFormat');
    });
    afterEach(() => built.mockRestore());

    it('gives the same text again from its cached format, and another for another language', () => {
      const reader = { locale: 'en', timeZone: 'Asia/Tokyo' } as const;
      const first = formatMoment(winterMorning, reader, 'caseCard');
      expect(built).toHaveBeenCalledTimes(1);
      expect(formatMoment(winterMorning, reader, 'caseCard')).toBe(first);
      expect(formatMoment(new Date('2026-11-25T09:30:00Z'), reader, 'caseCard')).toMatch(/Wed.* 25 Nov.* 18:30/);
      expect(built).toHaveBeenCalledTimes(1);
      expect(formatMoment(winterMorning, { ...reader, locale: 'nl' }, 'caseCard')).not.toBe(first);
      expect(built).toHaveBeenCalledTimes(2);
    });

    it('refuses a time zone Intl does not know, and caches nothing for it', () => {
      const martian = { locale: 'en', timeZone: 'Mars/Olympus_Mons' } as const;
      expect(() => formatMoment(winterMorning, martian, 'caseCard')).toThrow(RangeError);
      // Nothing was kept: the second attempt builds a format again (and is refused again) instead of finding one.
      expect(() => formatMoment(winterMorning, martian, 'caseCard')).toThrow(RangeError);
      expect(built).toHaveBeenCalledTimes(2);
      // And the zones it does know still format as before.
      expect(formatMoment(winterMorning, amsterdam('en'), 'caseCard')).toMatch(/Tue.* 24 Nov.* 10:30/);
    });
  });
});
