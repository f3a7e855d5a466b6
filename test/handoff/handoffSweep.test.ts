import type { HandoffCase } from '../../src/handoff/handoffCase';
import { isDueForEscalation } from '../../src/handoff/handoffSweep';
import { sampleCase } from '../support/sampleCards';

/** When the sweep hands a waiting request to the backup advisers: its own time limit, shorter once it is urgent. */
describe('isDueForEscalation', () => {
  const limits = { escalateAfterMinutes: 60, escalateUrgentAfterMinutes: 15 };
  const at = (minutes: number) => new Date(Date.parse('2026-11-24T10:00:00.000Z') + minutes * 60_000);
  const waiting = (fields: Partial<HandoffCase>) => sampleCase({ status: 'notified', requester: { personKey: 'person-1' }, createdAt: at(0).toISOString(), ...fields });

  test('escalates an urgent request the shorter time after it became urgent, or at the first limit if that comes sooner', () => {
    const becameUrgent = waiting({ urgent: true, urgentSince: at(30).toISOString() });
    expect(isDueForEscalation(becameUrgent, limits, at(44))).toBe(false);
    expect(isDueForEscalation(becameUrgent, limits, at(45))).toBe(true);
    const late = waiting({ urgent: true, urgentSince: at(55).toISOString() });
    expect(isDueForEscalation(late, limits, at(60))).toBe(true);
  });

  test('keeps the limits of a request sent urgent or not urgent', () => {
    expect(isDueForEscalation(waiting({ urgent: true }), limits, at(14))).toBe(false);
    expect(isDueForEscalation(waiting({ urgent: true }), limits, at(15))).toBe(true);
    expect(isDueForEscalation(waiting({ urgent: false }), limits, at(59))).toBe(false);
    expect(isDueForEscalation(waiting({ urgent: false }), limits, at(60))).toBe(true);
  });

  test('measures a case given back to the pool from its release; an urgency from before the release runs from the release too', () => {
    const givenBack = waiting({ urgent: false, waitingSince: at(20_160).toISOString() });
    expect(isDueForEscalation(givenBack, limits, at(20_160 + 59))).toBe(false);
    expect(isDueForEscalation(givenBack, limits, at(20_160 + 60))).toBe(true);
    const urgentBefore = waiting({ urgent: true, urgentSince: at(10).toISOString(), waitingSince: at(20_160).toISOString() });
    expect(isDueForEscalation(urgentBefore, limits, at(20_160 + 14))).toBe(false);
    expect(isDueForEscalation(urgentBefore, limits, at(20_160 + 15))).toBe(true);
    const urgentAfter = waiting({ urgent: true, urgentSince: at(20_200).toISOString(), waitingSince: at(20_160).toISOString() });
    expect(isDueForEscalation(urgentAfter, limits, at(20_200 + 14))).toBe(false);
    expect(isDueForEscalation(urgentAfter, limits, at(20_200 + 15))).toBe(true);
  });
});
