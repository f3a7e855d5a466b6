import {
  addDays,
  calendarDayOf,
  firstDayOfIsoWeek,
  isCalendarDay,
  isIsoWeek,
  isoWeekOfDay,
  isoWeeksFromTo,
  lastDayOfIsoWeek,
} from '../../src/shared/calendarDays';

const AMSTERDAM = 'Europe/Amsterdam';

describe('calendar days and ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2026-03-31', '2026-W14'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s falls in %s', (day, week) => {
    expect(isoWeekOfDay(day)).toBe(week);
  });

  it('runs from Monday to Sunday', () => {
    expect([firstDayOfIsoWeek('2026-W01'), lastDayOfIsoWeek('2026-W01')]).toEqual(['2025-12-29', '2026-01-04']);
    expect([firstDayOfIsoWeek('2026-W53'), lastDayOfIsoWeek('2026-W53')]).toEqual(['2026-12-28', '2027-01-03']);
  });

  it('lists the weeks of a period across a year with 53 weeks', () => {
    expect(isoWeeksFromTo('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(isoWeeksFromTo('2026-W05', '2026-W04')).toEqual([]);
  });

  it('knows which weeks exist', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-3')).toBe(false);
  });

  it('takes the calendar day in Amsterdam, across the change to summer time', () => {
    expect(calendarDayOf(new Date('2026-03-28T23:30:00Z'), AMSTERDAM)).toBe('2026-03-29');
    expect(calendarDayOf(new Date('2026-03-29T21:59:00Z'), AMSTERDAM)).toBe('2026-03-29');
    expect(calendarDayOf(new Date('2026-03-29T22:00:00Z'), AMSTERDAM)).toBe('2026-03-30');
    expect(calendarDayOf(new Date('2026-03-29T22:00:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-1-05')).toBe(false);
    expect(isCalendarDay('05-01-2026')).toBe(false);
  });

  it('takes the calendar day west of UTC too, where the day changes later', () => {
    expect(calendarDayOf(new Date('2026-03-16T03:59:00Z'), 'America/New_York')).toBe('2026-03-15');
    expect(calendarDayOf(new Date('2026-03-16T04:00:00Z'), 'America/New_York')).toBe('2026-03-16');
  });

  it('adds days across months, leap days and years, both ways', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-05', -8)).toBe('2025-12-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
