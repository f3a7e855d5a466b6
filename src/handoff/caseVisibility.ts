import type { HandoffCase } from './handoffCase';

/**
 * A confidential adviser's case is theirs. Before a claim every adviser of the pool sees the
 * request (that is how one of them takes it); once it is claimed, only the claimer sees the
 * message, the requester's name and the relay. Every other adviser learns only that a
 * colleague took it: not who, not what, not the requester's name after a reveal.
 */
export function isTakenByColleague(handoffCase: HandoffCase, viewerUserId: string): boolean {
  return handoffCase.claimedBy !== null && handoffCase.claimedBy.userId !== viewerUserId;
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
    dialogue: null,
    claimedBy: { userId: handoffCase.claimedBy!.userId, displayName: '' },
    outcome: null,
    followUpOn: null,
  };
}
