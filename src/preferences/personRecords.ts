import type { EntityStore, TableName } from '../storage/entityStore';

/**
 * Every row the bot files under a person key itself (partition `person`, row key = the key), named
 * as the access-request export names it. Forget me, the inactivity expiry and the export all read
 * this one list, so a new per-person table is one line here (the compiler then asks how it is
 * forgotten). Requests are not in it: the handoff domain keeps them under its own rules (an open
 * one stays, a closed one follows the case retention, forget me deletes them with the person).
 */
export const PERSON_TABLES = {
  preferences: 'preferences',
  conversationReference: 'conversations',
  /** A "remind me to check in" not yet sent: its time, topic and language. */
  checkInReminder: 'reminders',
  /** The danger question waiting for a typed answer, for minutes: its flow labels, language and keyed chat. */
  openDangerQuestion: 'dangerQuestions',
} as const satisfies Record<string, TableName>;

export type PersonRecordName = keyof typeof PERSON_TABLES;

const PERSON = 'person';

/** How each row is deleted: through its own repository, so that a cache in front of it forgets too. */
export type PersonRecordDeleters = Readonly<Record<PersonRecordName, (personKey: string) => Promise<unknown>>>;

export class PersonRecords {
  constructor(
    private readonly store: EntityStore,
    private readonly deleters: PersonRecordDeleters,
  ) {}

  /** Deletes every row filed under these keys, then what the store keeps of deleted rows. */
  async forget(...personKeys: readonly string[]): Promise<void> {
    for (const personKey of personKeys) {
      for (const deleteRow of Object.values(this.deleters)) await deleteRow(personKey);
    }
    if (personKeys.length > 0) await this.store.eraseDeletedResidue();
  }

  /** The tables that hold a row for this person now. */
  async tablesHolding(personKey: string): Promise<string[]> {
    const rows = await readPersonRecords(this.store, personKey);
    return (Object.entries(PERSON_TABLES) as [PersonRecordName, TableName][]).filter(([name]) => rows[name] !== null).map(([, table]) => table);
  }
}

/** Each row filed under the person key, or null where there is none (the export, which runs without the bot). */
export async function readPersonRecords(store: EntityStore, personKey: string): Promise<Record<PersonRecordName, unknown>> {
  const rows = await Promise.all(
    (Object.entries(PERSON_TABLES) as [PersonRecordName, TableName][]).map(async ([name, table]) => [name, (await store.get(table, PERSON, personKey))?.value ?? null] as const),
  );
  return Object.fromEntries(rows) as Record<PersonRecordName, unknown>;
}
