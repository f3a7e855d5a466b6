import type { AuditEntry } from '../audit/auditTrail';
import type { HandoffCase } from '../handoff/handoffCase';
import { readPersonRecords, type PersonRecordName } from '../preferences/personRecords';
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
   * Cases that name the person as an adviser, in full: the ones they claimed, one offered to them
   * in a hand-over, and one moved away from them at the requester's wish.
   */
  readonly casesAsAdviser: readonly HandoffCase[];
  /** What the audit trail holds about the person as an adviser: which case key, what, when. */
  readonly auditTrailAsAdviser: readonly AuditEntry[];
}

export async function exportPerson(
  store: EntityStore,
  personKey: string,
  personKeyOf: (userId: string) => string,
): Promise<PersonExport> {
  const requestIndex = await store.listPartition('cases', `requester:${personKey}`);
  const requests = await Promise.all(requestIndex.map((entry) => store.get<HandoffCase>('cases', 'case', entry.rowKey)));
  const allCases = (await store.listPartition<HandoffCase>('cases', 'case')).map((entity) => entity.value);
  return {
    personKey,
    ...(await readPersonRecords(store, personKey)),
    requests: requests.flatMap((entity) => (entity && entity.value.requester.personKey === personKey ? [entity.value] : [])),
    casesAsAdviser: allCases.filter((handoffCase) => advisersNamedIn(handoffCase).some((userId) => personKeyOf(userId) === personKey)),
    auditTrailAsAdviser: await new AuditLogStore(store).list({ actor: personKey }),
  };
}

function advisersNamedIn(handoffCase: HandoffCase): string[] {
  return [handoffCase.claimedBy?.userId, handoffCase.handOverTo?.userId, ...(handoffCase.movedAwayFrom ?? [])].filter(
    (userId): userId is string => Boolean(userId),
  );
}
