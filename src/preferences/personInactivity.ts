import { OutboundCallError } from '../handoff/advisorPorts';
import type { AdvisorPool, AdvisorRoster } from '../handoff/advisorRoster';
import type { CaseRepository } from '../handoff/caseRepository';
import type { Clock } from '../handoff/clock';
import type { EntityStore } from '../storage/entityStore';
import type { PersonRecords } from './personRecords';

/**
 * Someone who stops using the bot is forgotten after `inactivePersonDays`: their rows (PersonRecords)
 * go, as with "forget me" (their closed requests follow the case retention).
 * Activity is the day they last wrote, kept with the chat address; a row from before that was
 * kept, or preferences without a chat address, start counting on the first sweep that sees them.
 * Kept whatever their age: whoever the bot must still reach (the people of an open case, and every
 * member of the groups it notifies).
 */

const PERSON = 'person';
/** Rows are read every sweep; once a day is enough for periods of months. */
const RUN_EVERY_MS = 86_400_000;

interface SeenOn {
  readonly seenOn?: string;
}

/** Who the bot must still be able to reach, however long ago they wrote. */
export interface StillReachable {
  readonly cases: Pick<CaseRepository, 'listOpen'>;
  readonly roster: Pick<AdvisorRoster, 'members'>;
  /** Every group the bot notifies: the adviser pools and their backups, and the programme's groups. */
  readonly notifiedGroups: readonly AdvisorPool[];
  readonly personKeyOf: (userId: string) => string;
}

export class PersonInactivityExpiry {
  private lastRunAt: number | undefined;

  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly inactivePersonDays: number,
    private readonly records: PersonRecords,
    private readonly reachable: StillReachable,
  ) {}

  /** Person keys never expired now; undefined when that cannot be known (the directory is down): then nothing is deleted. */
  private async keep(): Promise<ReadonlySet<string> | undefined> {
    const { cases, roster, notifiedGroups, personKeyOf } = this.reachable;
    const keep = new Set<string>();
    for (const open of await cases.listOpen()) {
      keep.add(open.requester.personKey);
      for (const adviser of [open.claimedBy, open.handOverTo]) if (adviser) keep.add(personKeyOf(adviser.userId));
    }
    try {
      for (const group of notifiedGroups) {
        for (const member of await roster.members(group)) keep.add(personKeyOf(member.id));
      }
    } catch (error) {
      if (error instanceof OutboundCallError) return undefined;
      throw error;
    }
    return keep;
  }

  async run(): Promise<{ readonly forgotten: number }> {
    const now = this.clock.now();
    if (this.lastRunAt !== undefined && now.getTime() - this.lastRunAt < RUN_EVERY_MS) return { forgotten: 0 };
    const keep = await this.keep();
    if (!keep) return { forgotten: 0 };
    this.lastRunAt = now.getTime();
    const today = now.toISOString().slice(0, 10);
    const cutoff = new Date(now.getTime() - this.inactivePersonDays * 86_400_000).toISOString().slice(0, 10);

    const conversations = await this.store.listPartition<SeenOn>('conversations', PERSON);
    const preferences = await this.store.listPartition<SeenOn>('preferences', PERSON);
    const lastSeen = new Map<string, string | undefined>();
    for (const row of [...conversations, ...preferences]) {
      const seen = row.value.seenOn;
      const known = lastSeen.get(row.rowKey);
      if (!lastSeen.has(row.rowKey) || (seen !== undefined && (known === undefined || seen > known))) lastSeen.set(row.rowKey, seen);
    }

    const inactive: string[] = [];
    for (const [personKey, seenOn] of lastSeen) {
      if (keep.has(personKey)) continue;
      if (seenOn === undefined) {
        // The clock starts now for rows written before the bot kept the day.
        for (const row of [...conversations, ...preferences].filter((candidate) => candidate.rowKey === personKey)) {
          const table = conversations.includes(row) ? 'conversations' : 'preferences';
          // On the row as read: a preference written meanwhile wins, and the next sweep starts the clock.
          await this.store.replace(table, PERSON, personKey, { ...row.value, seenOn: today }, row.etag);
        }
        continue;
      }
      if (seenOn >= cutoff) continue;
      inactive.push(personKey);
    }
    await this.records.forget(...inactive);
    return { forgotten: inactive.length };
  }
}
