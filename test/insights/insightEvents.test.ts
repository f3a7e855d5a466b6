import {
  COUNTER_NAMES,
  MINUTES_TO_CLAIM_BUCKETS,
  countEvent,
  isoWeekOf,
  minutesToClaimBucket,
  type InsightEvent,
} from '../../src/insights/insightEvents';

describe('the week an event counts in', () => {
  it("is the ISO week of the organisation's calendar day: 00:30 on a Monday in Amsterdam is that Monday's week", () => {
    expect(isoWeekOf(new Date('2026-03-15T23:30:00Z'))).toBe('2026-W12');
    expect(isoWeekOf(new Date('2026-03-15T23:30:00Z'), 'UTC')).toBe('2026-W11');
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
