import type { AuditEntry } from '../audit/auditTrail';
import type { HandoffCase, Requester } from '../handoff/handoffCase';
import { CaseRepository } from '../handoff/caseRepository';
import { advisersNamedIn, isTakenByColleague } from '../handoff/caseVisibility';
import { readPersonRecords, type PersonRecordName } from '../preferences/personRecords';
import type { AdviserSettings } from '../preferences/preferences';
import { AuditLogStore } from './auditLogStore';
import type { EntityStore } from './entityStore';

/**
 * Everything the bot stores about one person, for an access request (GDPR art. 15): looked up
 * by their person key in every place a row can hold it (the rows filed under the key itself are
 * src/preferences/personRecords.ts's list). Weekly counters hold no person and are
 * not part of it; Teams chat history, Exchange and Log Analytics are outside the bot's store
 * (docs/RIGHTS.md says where to look).
 */
export interface PersonExport extends Readonly<Record<PersonRecordName, unknown>> {
  readonly personKey: string;
  /** Requests the person made, in full, while they are kept. */
  readonly requests: readonly HandoffCase[];
  /**
   * Cases that name the person as an adviser: the ones they have (claimed, or offered to them in a
   * hand-over) as Teams shows them (CaseAsTheirs); a case that is no longer theirs (moved away from them
   * at the requester's wish) by its code only, since the requester was told they no longer see it.
   */
  readonly casesAsAdviser: readonly (CaseAsTheirs | CaseNoLongerTheirs)[];
  /** Follow-ups they asked for whose case the retention purge removed before the day (the code and the day), until sent. */
  readonly followUpsAsAdviser: readonly { readonly code: string; readonly on: string }[];
  /** What the audit trail holds about the person as an adviser: which case key, what, when. */
  readonly auditTrailAsAdviser: readonly AuditEntry[];
  /** The language and time zone their cards as an adviser are drawn in (under their adviser key), or null. */
  readonly adviserSettings: AdviserSettings | null;
}

/**
 * A case an adviser has, with what its cards show them (the words, a named requester's name and object id for the chat
 * link) and nothing of anyone else: not the requester's person key, which is the same in each of their requests and would
 * tell which anonymous requests one person made, nor the advisers the requester moved away from, nor the jobs in flight.
 */
export type CaseAsTheirs = Omit<HandoffCase, 'requester' | 'movedAwayFrom' | 'pendingJobs'> & { readonly requester: Omit<Requester, 'personKey'> };

/** What they did with it is in `auditTrailAsAdviser`, under the case's key. */
export interface CaseNoLongerTheirs {
  readonly id: string;
  readonly code: string;
  readonly noLongerTheirs: true;
}

export async function exportPerson(
  store: EntityStore,
  personKey: string,
  keys: { keyFor(userId: string): string; adviserKeyOf(personKey: string): string },
): Promise<PersonExport> {
  const personKeyOf = (userId: string) => keys.keyFor(userId);
  const adviserKey = keys.adviserKeyOf(personKey);
  const requestIndex = await store.listPartition('cases', `requester:${personKey}`);
  const requests = await Promise.all(requestIndex.map((entry) => store.get<HandoffCase>('cases', 'case', entry.rowKey)));
  const allCases = (await store.listPartition<HandoffCase>('cases', 'case')).map((entity) => entity.value);
  return {
    personKey,
    ...(await readPersonRecords(store, personKey)),
    requests: requests.flatMap((entity) => (entity && entity.value.requester.personKey === personKey ? [entity.value] : [])),
    casesAsAdviser: allCases.flatMap((handoffCase) => {
      const adviser = advisersNamedIn(handoffCase).find((userId) => personKeyOf(userId) === personKey);
      if (adviser === undefined) return [];
      // The same rule as the cards: a case taken by a colleague, or moved away from them, is not theirs to read.
      return [isTakenByColleague(handoffCase, adviser) ? { id: handoffCase.id, code: handoffCase.code, noLongerTheirs: true as const } : asTheirs(handoffCase)];
    }),
    followUpsAsAdviser: (await new CaseRepository(store).listKeptFollowUps()).flatMap(({ followUp }) =>
      personKeyOf(followUp.advisorUserId) === personKey ? [{ code: followUp.code, on: followUp.on }] : [],
    ),
    // Rows from before advisers had a key of their own are under the person key.
    auditTrailAsAdviser: await new AuditLogStore(store).list({ actor: [adviserKey, personKey] }),
    adviserSettings: (await store.get<AdviserSettings>('preferences', 'adviser', adviserKey))?.value ?? null,
  };
}

function asTheirs(handoffCase: HandoffCase): CaseAsTheirs {
  const { requester, movedAwayFrom: _movedAwayFrom, pendingJobs: _pendingJobs, ...shown } = handoffCase;
  const { personKey: _personKey, ...named } = requester;
  return { ...shown, requester: named };
}
