import type { Clock } from '../handoff/clock';
import type { EntityStore } from '../storage/entityStore';

/**
 * Someone who stops using the bot is forgotten after `inactivePersonDays`: their preferences and
 * the chat address go, as with "forget me" (their closed requests follow the case retention).
 * Activity is the day they last wrote, kept with the chat address; a row from before that was
 * kept, or preferences without a chat address, start counting on the first sweep that sees them.
 * Kept whatever their age: the keys `keep` returns (people with an open request or a claimed
 * case, and the members of the adviser and programme groups, whom the bot must be able to reach).
 */

const PERSON = 'person';
/** Rows are read every sweep; once a day is enough for periods of months. */
const RUN_EVERY_MS = 86_400_000;

interface SeenOn {
  readonly seenOn?: string;
}

export class PersonInactivityExpiry {
  private lastRunAt: number | undefined;

  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly inactivePersonDays: number,
    /** Person keys never expired now; undefined when that cannot be known (the directory is down): then nothing is deleted. */
    private readonly keep: () => Promise<ReadonlySet<string> | undefined>,
  ) {}

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

    let forgotten = 0;
    for (const [personKey, seenOn] of lastSeen) {
      if (keep.has(personKey)) continue;
      if (seenOn === undefined) {
        // The clock starts now for rows written before the bot kept the day.
        for (const row of [...conversations, ...preferences].filter((candidate) => candidate.rowKey === personKey)) {
          const table = conversations.includes(row) ? 'conversations' : 'preferences';
          await this.store.upsert(table, PERSON, personKey, { ...row.value, seenOn: today });
        }
        continue;
      }
      if (seenOn >= cutoff) continue;
      await this.store.delete('preferences', PERSON, personKey);
      await this.store.delete('conversations', PERSON, personKey);
      forgotten += 1;
    }
    if (forgotten > 0) await this.store.eraseDeletedResidue();
    return { forgotten };
  }
}
