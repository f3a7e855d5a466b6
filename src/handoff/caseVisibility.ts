import type { HandoffCase } from './handoffCase';

/**
 * A confidential adviser's case is theirs. Before a claim every adviser of the pool sees the
 * request (that is how one of them takes it); once it is claimed, only the claimer sees the
 * message, the requester's name and the relay, and so does a colleague the claimer offers it
 * to (they need it to decide). Every other adviser learns only that a colleague took it: not
 * who, not what, not the requester's name after a reveal. An adviser the requester asked to be
 * moved away from sees only that the request went to another adviser.
 */
export function isTakenByColleague(handoffCase: HandoffCase, viewerUserId: string): boolean {
  if (wasMovedAwayFrom(handoffCase, viewerUserId)) return true;
  return handoffCase.claimedBy !== null && handoffCase.claimedBy.userId !== viewerUserId && !isOfferedTo(handoffCase, viewerUserId);
}

/** The requester asked for another adviser while this one had the case. */
export function wasMovedAwayFrom(handoffCase: HandoffCase, viewerUserId: string): boolean {
  return handoffCase.movedAwayFrom?.includes(viewerUserId) ?? false;
}

/** The claimer offered this adviser the case and they have not answered yet. */
export function isOfferedTo(handoffCase: HandoffCase, viewerUserId: string): boolean {
  return handoffCase.status === 'claimed' && handoffCase.handOverTo?.userId === viewerUserId;
}

/** The case as one adviser may see it: for a colleague of the claimer, the case code and status only. */
export function caseAsSeenBy(handoffCase: HandoffCase, viewerUserId: string): HandoffCase {
  if (!isTakenByColleague(handoffCase, viewerUserId)) return handoffCase;
  return {
    ...handoffCase,
    requester: { personKey: '' },
    topic: null,
    perspective: null,
    urgent: false,
    message: null,
    addedMessages: [],
    urgentSince: null,
    dialogue: null,
    claimedBy: handoffCase.claimedBy ? { userId: handoffCase.claimedBy.userId, displayName: '' } : null,
    handOverTo: null,
    movedAwayFrom: wasMovedAwayFrom(handoffCase, viewerUserId) ? [viewerUserId] : [],
    outcome: null,
    followUpOn: null,
  };
}

/**
 * What a colleague's list shows of a case another adviser of the pool has (`cases.withColleagues`):
 * its code, kind, pool and when it was requested (the card shows the day, not the minute, which
 * could help tell who asked in a small pool). Nothing of the requester, the message or who has it.
 */
export interface CaseWithColleague {
  readonly code: string;
  readonly kind: HandoffCase['kind'];
  readonly pool?: HandoffCase['pool'];
  readonly createdAt: string;
}

export function asCaseWithColleague(handoffCase: HandoffCase): CaseWithColleague {
  return { code: handoffCase.code, kind: handoffCase.kind, pool: handoffCase.pool, createdAt: handoffCase.createdAt };
}

/** Every adviser a case names: who has it, who is offered it, and whom it moved away from (a purged case names nobody). */
export function advisersNamedIn(handoffCase: HandoffCase): string[] {
  return [handoffCase.claimedBy?.userId, handoffCase.handOverTo?.userId, ...(handoffCase.movedAwayFrom ?? [])].filter(
    (userId): userId is string => Boolean(userId) && userId !== 'purged',
  );
}
