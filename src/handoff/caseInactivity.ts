import type { HandoffCase, Transition } from './handoffCase';

/**
 * A claimed case that nobody closes would keep the requester's message for ever. Nothing
 * happening in it for `inactiveCaseReminderDays` (no message relayed either way, no reveal, no
 * new claim or hand-over) reminds the adviser; `inactiveCaseCloseDays` after that reminder,
 * still without activity, the case closes with outcome `expired`, and the retention period
 * starts as for any closed case.
 */

export interface InactivitySettings {
  readonly inactiveCaseReminderDays: number;
  readonly inactiveCaseCloseDays: number;
}

/** Writing every relayed message's time would be a write per message; an hour's precision is plenty for periods of days. */
const ACTIVITY_PRECISION_MS = 60 * 60_000;

export function lastActivityOf(handoffCase: HandoffCase): number {
  return Math.max(
    ...[handoffCase.claimedAt, handoffCase.lastActivityAt, handoffCase.identityRevealedAt].map((at) => (at ? new Date(at).getTime() : 0)),
  );
}

/** Whether the adviser has been reminded since the last activity. */
export function isReminded(handoffCase: HandoffCase): boolean {
  return Boolean(handoffCase.inactivityRemindedAt) && new Date(handoffCase.inactivityRemindedAt!).getTime() >= lastActivityOf(handoffCase);
}

export function recordActivity(current: HandoffCase, now: Date): Transition<'notClaimed' | 'recentEnough'> {
  if (current.status !== 'claimed') return { outcome: 'notClaimed' };
  if (!isReminded(current) && now.getTime() - lastActivityOf(current) < ACTIVITY_PRECISION_MS) return { outcome: 'recentEnough' };
  return { outcome: 'ok', next: { ...current, lastActivityAt: now.toISOString() } };
}

/** The adviser wrote to the requester: activity, and the moment a typed "ja" may answer them rather than the bot's danger question. */
export function recordAdviserMessage(current: HandoffCase, now: Date): Transition<'notClaimed'> {
  if (current.status !== 'claimed') return { outcome: 'notClaimed' };
  return { outcome: 'ok', next: { ...current, lastActivityAt: now.toISOString(), adviserWroteAt: now.toISOString() } };
}

/** Whether the adviser wrote at or after `since` (epoch milliseconds). */
export function adviserWroteSince(handoffCase: HandoffCase, since: number): boolean {
  return Boolean(handoffCase.adviserWroteAt) && new Date(handoffCase.adviserWroteAt!).getTime() >= since;
}

export type InactivityStep = 'remind' | 'close' | 'none';

export function inactivityStepFor(handoffCase: HandoffCase, now: Date, settings: InactivitySettings): InactivityStep {
  if (handoffCase.status !== 'claimed') return 'none';
  if (!isReminded(handoffCase)) {
    return now.getTime() - lastActivityOf(handoffCase) >= settings.inactiveCaseReminderDays * 86_400_000 ? 'remind' : 'none';
  }
  return now.getTime() - new Date(handoffCase.inactivityRemindedAt!).getTime() >= settings.inactiveCaseCloseDays * 86_400_000 ? 'close' : 'none';
}

export function markInactivityReminded(current: HandoffCase, now: Date, settings: InactivitySettings): Transition<'notDue'> {
  if (inactivityStepFor(current, now, settings) !== 'remind') return { outcome: 'notDue' };
  return { outcome: 'ok', next: { ...current, inactivityRemindedAt: now.toISOString() } };
}

export function closeForInactivity(current: HandoffCase, now: Date, settings: InactivitySettings): Transition<'notDue'> {
  if (inactivityStepFor(current, now, settings) !== 'close') return { outcome: 'notDue' };
  return {
    outcome: 'ok',
    next: { ...current, status: 'closed', closedAt: now.toISOString(), closedBy: 'inactivity', outcome: 'expired', handOverTo: null },
  };
}
