import {
  acceptHandOver,
  addToOpenCase,
  hasRoomFor,
  MAX_ADDED_MESSAGES,
  MAX_CASE_CHARS_WITH_ADDITIONS,
  canRecordOutcome,
  declineHandOver,
  moveToAnotherAdviser,
  offerHandOver,
  releaseClaim,
  switchToChat,
  withdrawHandOver,
  cancel,
  claim,
  closeByAdvisor,
  closeByRequester,
  expire,
  markEscalated,
  markFollowUpReminded,
  markNotified,
  newHandoffCase,
  purgeContent,
  revealIdentity,
  type Advisor,
  type CaseStatus,
  type HandoffCase,
} from '../../src/handoff/handoffCase';
import { HOSTILE_TEXT, sampleCase } from '../support/sampleCards';

/**
 * The case state machine, one table per transition: from every status (and the few fields
 * that matter), what the transition answers and what the case looks like afterwards.
 */

const NOW = new Date('2026-11-24T10:30:00.000Z');
const femke: Advisor = { userId: 'advisor-femke', displayName: 'Femke Visser' };
const joost: Advisor = { userId: 'advisor-joost', displayName: 'Joost Mulder' };

function caseIn(status: CaseStatus, fields: Partial<HandoffCase> = {}): HandoffCase {
  const claimed = ['claimed', 'closed'].includes(status) ? { claimedBy: femke, claimedAt: '2026-11-24T10:10:00.000Z' } : {};
  return sampleCase({ status, requester: { personKey: 'person-1' }, ...claimed, ...fields });
}

/** A table row per status, for the transitions whose answer depends on the status alone. */
function fromEveryStatus(expected: Record<CaseStatus, string>): [CaseStatus, string][] {
  return Object.entries(expected) as [CaseStatus, string][];
}

const ALL: readonly CaseStatus[] = ['requested', 'notified', 'claimed', 'closed', 'cancelled', 'expired'];

describe('newHandoffCase', () => {
  it('starts requested with nothing but what was asked, and keeps only the person key of an anonymous requester', () => {
    const anonymous = newHandoffCase(
      { ...caseIn('requested'), requester: { personKey: 'p', userId: 'u', displayName: 'Sanne' } },
      NOW,
    );
    expect(anonymous).toMatchObject({ status: 'requested', createdAt: NOW.toISOString(), claimedBy: null, closedAt: null, outcome: null });
    expect(anonymous.requester).toEqual({ personKey: 'p' });
    const sanne = { personKey: 'p', userId: 'u', displayName: 'Sanne' };
    const named = newHandoffCase({ ...caseIn('requested'), mode: 'named', requester: sanne }, NOW);
    expect(named.requester).toEqual({ personKey: 'p', userId: 'u', displayName: 'Sanne' });
  });
});

describe('markNotified', () => {
  it.each(
    fromEveryStatus({ requested: 'ok', notified: 'notRequested', claimed: 'notRequested', closed: 'notRequested', cancelled: 'notRequested', expired: 'notRequested' }),
  )('from %s: %s', (status, expected) => {
    const result = markNotified(caseIn(status), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status: 'notified', notifiedAt: NOW.toISOString() });
  });
});

describe('markEscalated', () => {
  it.each<[CaseStatus, Partial<HandoffCase>, string]>([
    ['requested', {}, 'ok'],
    ['notified', {}, 'ok'],
    ['notified', { escalatedAt: '2026-11-24T10:15:00.000Z' }, 'alreadyEscalated'],
    ['claimed', {}, 'notWaiting'],
    ['closed', {}, 'notWaiting'],
    ['cancelled', {}, 'notWaiting'],
    ['expired', {}, 'notWaiting'],
  ])('from %s %j: %s', (status, fields, expected) => {
    const result = markEscalated(caseIn(status, fields), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status, escalatedAt: NOW.toISOString() });
  });
});

describe('claim', () => {
  it.each(
    fromEveryStatus({ requested: 'ok', notified: 'ok', claimed: 'alreadyClaimed', closed: 'notOpen', cancelled: 'notOpen', expired: 'notOpen' }),
  )('from %s: %s', (status, expected) => {
    const result = claim(caseIn(status), joost, NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status: 'claimed', claimedBy: joost, claimedAt: NOW.toISOString() });
  });
});

describe('cancel (by the requester)', () => {
  it.each(
    fromEveryStatus({ requested: 'ok', notified: 'ok', claimed: 'ok', closed: 'notOpen', cancelled: 'notOpen', expired: 'notOpen' }),
  )('from %s: %s', (status, expected) => {
    const result = cancel(caseIn(status), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status: 'cancelled', closedAt: NOW.toISOString(), closedBy: 'requester' });
  });
});

describe('closeByAdvisor', () => {
  const closedByRequester = { closedBy: 'requester' as const, closedAt: '2026-11-24T10:20:00.000Z' };
  it.each<[string, CaseStatus, Partial<HandoffCase>, Advisor, string, Partial<HandoffCase> | null]>([
    ['the claimer closes', 'claimed', {}, femke, 'ok', { status: 'closed', closedBy: 'advisor', closedAt: NOW.toISOString(), outcome: 'referred' }],
    ['another adviser', 'claimed', {}, joost, 'notClaimedByYou', null],
    ['nobody claimed it', 'notified', {}, femke, 'notClaimedByYou', null],
    ['the requester closed first: the claimer records the outcome', 'closed', closedByRequester, femke, 'ok', { status: 'closed', closedBy: 'requester', closedAt: closedByRequester.closedAt, outcome: 'referred' }],
    ['a re-sent Close', 'closed', { closedBy: 'advisor', closedAt: NOW.toISOString(), outcome: 'referred' }, femke, 'closedByYouAlready', null],
    ['the requester cancelled a claimed case', 'cancelled', { claimedBy: femke, closedBy: 'requester' }, femke, 'alreadyClosed', null],
  ])('%s: %s', (_name, status, fields, advisor, expected, after) => {
    const result = closeByAdvisor(caseIn(status, fields), advisor.userId, 'referred', '2026-12-08', NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ ...after, followUpOn: '2026-12-08' });
  });
});

describe('markFollowUpReminded', () => {
  const due = { closedBy: 'advisor' as const, outcome: 'referred' as const, followUpOn: '2026-11-24' };
  it.each<[string, CaseStatus, Partial<HandoffCase>, string]>([
    ['closed with a follow-up today', 'closed', due, 'ok'],
    ['closed with a follow-up days ago (the sweep did not run that day)', 'closed', { ...due, followUpOn: '2026-11-20' }, 'ok'],
    ['the follow-up is tomorrow', 'closed', { ...due, followUpOn: '2026-11-25' }, 'notDue'],
    ['reminded already (another instance, an earlier sweep)', 'closed', { ...due, followUpRemindedAt: '2026-11-24T09:00:00.000Z' }, 'notDue'],
    ['closed without a follow-up', 'closed', { ...due, followUpOn: null }, 'notDue'],
    ['its adviser purged', 'closed', { ...due, claimedBy: { userId: 'purged', displayName: '' } }, 'notDue'],
    ['not closed', 'claimed', { followUpOn: '2026-11-24' }, 'notDue'],
  ])('%s: %s', (_name, status, fields, expected) => {
    const result = markFollowUpReminded(caseIn(status, fields), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toEqual({ ...caseIn(status, fields), followUpRemindedAt: NOW.toISOString() });
  });
});

describe('canRecordOutcome', () => {
  it.each<[string, Partial<HandoffCase>, string, boolean]>([
    ['closed by the requester, no outcome yet, the claimer asks', { closedBy: 'requester', outcome: null }, femke.userId, true],
    ['another adviser asks', { closedBy: 'requester', outcome: null }, joost.userId, false],
    ['the outcome is recorded already', { closedBy: 'requester', outcome: 'other' }, femke.userId, false],
    ['closed by the adviser', { closedBy: 'advisor', outcome: null }, femke.userId, false],
  ])('%s: %s', (_name, fields, userId, expected) => {
    expect(canRecordOutcome(caseIn('closed', fields), userId)).toBe(expected);
  });
});

describe('closeByRequester', () => {
  it.each(
    fromEveryStatus({ requested: 'notClaimed', notified: 'notClaimed', claimed: 'ok', closed: 'notClaimed', cancelled: 'notClaimed', expired: 'notClaimed' }),
  )('from %s: %s', (status, expected) => {
    const result = closeByRequester(caseIn(status), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status: 'closed', closedBy: 'requester', claimedBy: femke });
  });
});

describe('expire', () => {
  it.each(
    fromEveryStatus({ requested: 'ok', notified: 'ok', claimed: 'notWaiting', closed: 'notWaiting', cancelled: 'notWaiting', expired: 'notWaiting' }),
  )('from %s: %s', (status, expected) => {
    const result = expire(caseIn(status), NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') expect(result.next).toMatchObject({ status: 'expired', closedAt: NOW.toISOString(), closedBy: null });
  });
});

describe('revealIdentity', () => {
  it.each<[CaseStatus, Partial<HandoffCase>, string]>([
    ['notified', {}, 'ok'],
    ['claimed', {}, 'ok'],
    ['claimed', { mode: 'named' }, 'notAnonymous'],
    ...(['closed', 'cancelled', 'expired'] as const).map((status): [CaseStatus, Partial<HandoffCase>, string] => [status, {}, 'notOpen']),
  ])('from %s %j: %s', (status, fields, expected) => {
    const result = revealIdentity(caseIn(status, fields), 'user-sanne', 'Sanne Willemsen', NOW);
    expect(result.outcome).toBe(expected);
    if (result.outcome === 'ok') {
      expect(result.next).toMatchObject({ status, mode: 'named', identityRevealedAt: NOW.toISOString() });
      expect(result.next.requester).toEqual({ personKey: 'person-1', userId: 'user-sanne', displayName: 'Sanne Willemsen' });
    }
  });
});

describe('purgeContent', () => {
  it.each(ALL)('from %s: keeps the labels, removes the person, the message and the adviser', (status) => {
    const before = caseIn(status, { mode: 'named', requester: { personKey: 'p', userId: 'u', displayName: 'Sanne' } });
    const after = purgeContent(before);
    expect(after).toMatchObject({ status, code: before.code, topic: before.topic, message: null, dialogue: null });
    expect(after.requester).toEqual({ personKey: 'purged' });
    expect(after.claimedBy).toEqual(before.claimedBy ? { userId: 'purged', displayName: '' } : null);
    expect(JSON.stringify(after)).not.toMatch(/Sanne|Femke/);
    expect(JSON.stringify(after)).not.toContain(HOSTILE_TEXT);
  });
});

describe("a named requester's identity", () => {
  const sanne = { personKey: 'person-1', userId: 'entra-sanne', displayName: 'Sanne de Vries' };
  const named = (status: CaseStatus) => caseIn(status, { mode: 'named', requester: sanne });

  it.each(['requested', 'notified'] as const)('goes when a request nobody claimed (%s) is cancelled or expires', (status) => {
    for (const result of [cancel(named(status), NOW), expire(named(status), NOW)]) {
      expect(result.outcome).toBe('ok');
      if (result.outcome === 'ok') expect(result.next.requester).toEqual({ personKey: 'person-1' });
    }
  });

  it('stays when the requester ends a claimed conversation, so the adviser can still record its outcome', () => {
    const result = cancel(named('claimed'), NOW);
    expect(result.outcome).toBe('ok');
    if (result.outcome === 'ok') expect(result.next.requester).toEqual(sanne);
  });
});

describe('hand-over, give back and another adviser', () => {
  const bas: Advisor = { userId: 'advisor-bas', displayName: 'Bas Hendriks' };

  it.each(fromEveryStatus({ requested: 'notClaimedByYou', notified: 'notClaimedByYou', claimed: 'ok', closed: 'notClaimedByYou', cancelled: 'notClaimedByYou', expired: 'notClaimedByYou' }))(
    'offers a case in status %s: %s',
    (status, expected) => {
      expect(offerHandOver(caseIn(status), femke.userId, joost).outcome).toBe(expected);
    },
  );

  it('keeps the case with the claimer until the colleague accepts, and counts each offer', () => {
    const offered = offerHandOver(caseIn('claimed'), femke.userId, joost);
    expect(offered).toMatchObject({ outcome: 'ok', next: { claimedBy: femke, handOverTo: joost, handOvers: 1, status: 'claimed' } });
    const next = 'next' in offered ? offered.next : caseIn('claimed');
    expect(offerHandOver(next, femke.userId, joost).outcome).toBe('alreadyOffered');
    expect(offerHandOver(next, femke.userId, femke).outcome).toBe('toYourself');
    expect(offerHandOver(next, joost.userId, bas).outcome).toBe('notClaimedByYou');
    expect(offerHandOver(next, femke.userId, bas)).toMatchObject({ outcome: 'ok', next: { handOverTo: bas, handOvers: 2 } });
  });

  it('lets only the colleague it was offered to take it over or decline, once', () => {
    const offered = caseIn('claimed', { handOverTo: joost, handOvers: 1 });
    expect(acceptHandOver(offered, bas, NOW).outcome).toBe('noOfferForYou');
    const accepted = acceptHandOver(offered, joost, NOW);
    expect(accepted).toMatchObject({ outcome: 'ok', next: { claimedBy: joost, claimedAt: NOW.toISOString(), handOverTo: null } });
    expect(acceptHandOver('next' in accepted ? accepted.next : offered, joost, NOW).outcome).toBe('alreadyYours');
    expect(declineHandOver(offered, bas.userId).outcome).toBe('noOfferForYou');
    expect(declineHandOver(offered, joost.userId)).toMatchObject({ outcome: 'ok', next: { claimedBy: femke, handOverTo: null } });
  });

  it('lets only the claimer withdraw a pending offer, which leaves the case theirs and offered to no one', () => {
    const offered = caseIn('claimed', { handOverTo: joost, handOvers: 2 });
    expect(withdrawHandOver(offered, joost.userId, 2).outcome).toBe('notClaimedByYou');
    expect(withdrawHandOver(offered, bas.userId, 2).outcome).toBe('notClaimedByYou');
    // A Withdraw drawn for the first offer leaves the second one alone.
    expect(withdrawHandOver(offered, femke.userId, 1).outcome).toBe('noOpenOffer');
    const withdrawn = withdrawHandOver(offered, femke.userId, 2);
    expect(withdrawn).toMatchObject({ outcome: 'ok', next: { status: 'claimed', claimedBy: femke, handOverTo: null, handOvers: 2 } });
    expect(withdrawHandOver('next' in withdrawn ? withdrawn.next : offered, femke.userId, 2).outcome).toBe('noOpenOffer');
    expect(withdrawHandOver(caseIn('notified', { handOverTo: joost, handOvers: 2 }), femke.userId, 2).outcome).toBe('notClaimedByYou');
  });

  it('gives a case back to the pool and forgets a pending offer; it waits for an adviser from that moment', () => {
    expect(releaseClaim(caseIn('claimed', { handOverTo: joost }), femke.userId, NOW)).toMatchObject({
      outcome: 'ok',
      next: { status: 'notified', claimedBy: null, handOverTo: null, releases: 1, waitingSince: NOW.toISOString() },
    });
  });

  it('moves a claimed case away from its adviser for good, who then cannot claim it or be offered it', () => {
    const moved = moveToAnotherAdviser(caseIn('claimed'), NOW);
    expect(moved).toMatchObject({
      outcome: 'ok',
      next: { status: 'notified', claimedBy: null, releases: 1, movedAwayFrom: [femke.userId], waitingSince: NOW.toISOString() },
    });
    const next = 'next' in moved ? moved.next : caseIn('notified');
    expect(moveToAnotherAdviser(next, NOW).outcome).toBe('notClaimed');
    expect(claim(next, femke, NOW).outcome).toBe('movedAway');
    expect(claim(next, joost, NOW).outcome).toBe('ok');
    const claimedByJoost = caseIn('claimed', { claimedBy: joost, movedAwayFrom: [femke.userId] });
    expect(offerHandOver(claimedByJoost, joost.userId, femke).outcome).toBe('movedAway');
  });

  it('switches an open request to the chat once, and purges who handled it', () => {
    expect(switchToChat(caseIn('notified', { contactPreference: 'call' }))).toMatchObject({ outcome: 'ok', next: { contactPreference: 'teams-chat' } });
    expect(switchToChat(caseIn('notified', { contactPreference: 'teams-chat' })).outcome).toBe('alreadyChat');
    expect(switchToChat(caseIn('closed', { contactPreference: 'call' })).outcome).toBe('notOpen');
    expect(purgeContent(caseIn('closed', { handOverTo: joost, movedAwayFrom: [bas.userId] }))).toMatchObject({ handOverTo: null, movedAwayFrom: [] });
  });
});

describe('addToOpenCase: words and urgency sent to a request that is open', () => {
  const addition = (fields: Partial<{ id: string; text: string | null; urgent: boolean }> = {}) => ({ id: 'added-1', text: 'It happened again', urgent: false, ...fields });

  test.each(['requested', 'notified', 'claimed'] as const)('adds the words to a %s request, with when they came', (status) => {
    const result = addToOpenCase(caseIn(status), addition(), NOW);
    expect(result.outcome === 'ok' && result.next.addedMessages).toEqual([{ id: 'added-1', at: NOW.toISOString(), text: 'It happened again' }]);
  });

  test.each(['closed', 'cancelled', 'expired'] as const)('refuses a %s request and changes nothing', (status) => {
    expect(addToOpenCase(caseIn(status), addition({ urgent: true }), NOW)).toEqual({ outcome: 'notOpen' });
  });

  test('makes a request urgent from that moment, and never less urgent', () => {
    const result = addToOpenCase(caseIn('notified', { urgent: false }), addition({ text: null, urgent: true }), NOW);
    expect(result.outcome === 'ok' && result.next).toMatchObject({ urgent: true, urgentSince: NOW.toISOString() });
    const urgentAlready = caseIn('notified', { urgent: true, addedMessages: [] });
    expect(addToOpenCase(urgentAlready, addition({ text: null, urgent: false }), NOW)).toEqual({ outcome: 'nothingNew' });
  });

  test('adds an activity once, and not the words the request already holds', () => {
    const once = addToOpenCase(caseIn('notified'), addition(), NOW);
    if (once.outcome !== 'ok') throw new Error('not added');
    expect(addToOpenCase(once.next, addition(), NOW)).toEqual({ outcome: 'nothingNew' });
    expect(addToOpenCase(once.next, addition({ id: 'added-2' }), NOW)).toEqual({ outcome: 'nothingNew' });
    expect(addToOpenCase(caseIn('notified', { message: 'Same words' }), addition({ text: 'Same words' }), NOW)).toEqual({ outcome: 'nothingNew' });
  });

  test('takes no more words once full, but still the urgency', () => {
    const full = caseIn('notified', {
      urgent: false,
      addedMessages: Array.from({ length: MAX_ADDED_MESSAGES }, (_, index) => ({ id: `a${index}`, at: NOW.toISOString(), text: `detail ${index}` })),
    });
    expect(addToOpenCase(full, addition(), NOW)).toEqual({ outcome: 'nothingNew' });
    const urgent = addToOpenCase(full, addition({ urgent: true }), NOW);
    expect(urgent.outcome === 'ok' && [urgent.next.urgent, urgent.next.addedMessages?.length]).toEqual([true, MAX_ADDED_MESSAGES]);
  });

  test('adds nothing a dialogue request holds as its reason (a double click on the form)', () => {
    const dialogue = caseIn('notified', { kind: 'team-dialogue', dialogue: { format: 'team', team: 'Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason: 'Spanningen', contact: 'Teams' } });
    expect(addToOpenCase(dialogue, addition({ text: 'Spanningen' }), NOW)).toEqual({ outcome: 'nothingNew' });
  });

  test('counts the case as the store writes it: quotes and line breaks take two characters, and the case stays under the limit', () => {
    // A dialogue's reason may hold 1,000 characters; these JSON writes as 2,000, so twenty would not fit in a row.
    const escaped = '"\\\n'.repeat(333);
    let current = caseIn('notified', { addedMessages: [] });
    for (let index = 0; index < MAX_ADDED_MESSAGES; index += 1) {
      const result = addToOpenCase(current, addition({ id: `a${index}`, text: `${index}${escaped}` }), NOW);
      if (result.outcome !== 'ok') break;
      current = result.next;
    }
    expect(JSON.stringify(current).length).toBeLessThanOrEqual(MAX_CASE_CHARS_WITH_ADDITIONS);
    expect(current.addedMessages?.length).toBeLessThan(MAX_ADDED_MESSAGES);
    expect(hasRoomFor(current, { id: 'next', at: NOW.toISOString(), text: `next${escaped}` })).toBe(false);
  });

  test('purging a case removes the added words too', () => {
    expect(purgeContent(caseIn('closed', { addedMessages: [{ id: 'a', at: NOW.toISOString(), text: HOSTILE_TEXT }] })).addedMessages).toEqual([]);
  });
});
