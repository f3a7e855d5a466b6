import {
  COUNTER_NAMES,
  MINUTES_TO_CLAIM_BUCKETS,
  calendarDayOf,
  countEvent,
  firstDayOfIsoWeek,
  isCalendarDay,
  isIsoWeek,
  isoWeekOfDay,
  isoWeeksFromTo,
  lastDayOfIsoWeek,
  minutesToClaimBucket,
  type InsightEvent,
} from '../../src/insights/insightEvents';

describe('ISO weeks', () => {
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
    expect(calendarDayOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(calendarDayOf(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(calendarDayOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(calendarDayOf(new Date('2026-03-29T22:00:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-1-05')).toBe(false);
    expect(isCalendarDay('05-01-2026')).toBe(false);
  });
});

describe('time-to-claim buckets', () => {
  it('are the documented ones', () => {
    expect(MINUTES_TO_CLAIM_BUCKETS).toEqual([
      '0-5', '5-15', '15-30', '30-60', '60-120', '120-240', '240-480', '480-1440', '1440-2880', '2880-10080', '10080+',
    ]);
  });

  it.each([
    [0, '0-5'],
    [4.99, '0-5'],
    [5, '5-15'],
    [59.5, '30-60'],
    [1439, '480-1440'],
    [10079, '2880-10080'],
    [10080, '10080+'],
    [1e9, '10080+'],
  ])('%s minutes go in %s', (minutes, bucket) => {
    expect(minutesToClaimBucket(minutes)).toBe(bucket);
  });
});

describe('counting an event', () => {
  it.each<[InsightEvent, string[], string | null]>([
    [{ kind: 'intent', intent: 'code-of-conduct' }, ['intent:code-of-conduct'], null],
    [
      { kind: 'guidanceShown', topic: 'aggression', perspective: 'manager', role: 'manager', locale: 'nl' },
      ['guidance:shown', 'topic:aggression', 'perspective:manager', 'role:manager', 'locale:nl'],
      null,
    ],
    [{ kind: 'guidanceFeedback', helpful: true, topic: 'discrimination' }, ['feedback:helpful', 'feedback:helpful:discrimination'], null],
    [{ kind: 'guidanceFeedback', helpful: false, topic: 'discrimination' }, ['feedback:not-helpful', 'feedback:not-helpful:discrimination'], null],
    [{ kind: 'urgentRouteShown' }, ['urgent-route:shown'], null],
    [{ kind: 'handoffRequested', mode: 'anonymous', topic: null }, ['handoff:requested', 'handoff:requested:anonymous', 'handoff:requested:topic:none'], null],
    [{ kind: 'handoffRequested', mode: 'named', topic: 'abuse-of-power' }, ['handoff:requested', 'handoff:requested:named', 'handoff:requested:topic:abuse-of-power'], null],
    [{ kind: 'handoffClaimed', minutesToClaim: 42 }, ['handoff:claimed'], '30-60'],
    [{ kind: 'handoffCancelled' }, ['handoff:cancelled'], null],
    [{ kind: 'handoffExpired' }, ['handoff:expired'], null],
    [{ kind: 'dialogueRequested' }, ['dialogue:requested'], null],
    [{ kind: 'caseClosed', outcome: 'resolved-informally' }, ['outcome:resolved-informally'], null],
  ])('%j adds one to %j', (event, counters, bucket) => {
    expect(countEvent(event)).toEqual({ outcome: 'counted', counts: bucket ? { counters, minutesToClaimBucket: bucket } : { counters } });
    for (const counter of counters) expect(COUNTER_NAMES).toContain(counter);
  });

  it('rejects anything outside the vocabulary, naming the field and not the value', () => {
    const text = 'het gebeurde op de afdeling van Piet';
    expect(countEvent({ kind: 'intent', intent: text } as unknown as InsightEvent)).toEqual({ outcome: 'rejected', field: 'intent' });
    expect(countEvent({ kind: 'guidanceShown', topic: 'bullying', perspective: 'witness', role: 'employee', locale: 'de' } as unknown as InsightEvent)).toEqual({
      outcome: 'rejected',
      field: 'locale',
    });
    expect(countEvent({ kind: 'handoffRequested', mode: 'anonymous', topic: text } as unknown as InsightEvent)).toEqual({ outcome: 'rejected', field: 'topic' });
    expect(countEvent({ kind: 'handoffClaimed', minutesToClaim: -3 })).toEqual({ outcome: 'rejected', field: 'minutesToClaim' });
    expect(countEvent({ kind: 'caseClosed', outcome: text } as unknown as InsightEvent)).toEqual({ outcome: 'rejected', field: 'outcome' });
  });

  it('names every counter once', () => {
    expect(new Set(COUNTER_NAMES).size).toBe(COUNTER_NAMES.length);
  });
});
