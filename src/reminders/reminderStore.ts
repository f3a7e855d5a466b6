import type { EntityStore } from '../storage/entityStore';
import type { Reminder } from './reminder';

/** Where reminders wait until they are due: one per person, a new one replaces the old. */
export interface ReminderStore {
  save(reminder: Reminder): Promise<void>;
  find(personKey: string): Promise<Reminder | undefined>;
  /** Whether there was one to remove. */
  remove(personKey: string): Promise<boolean>;
  /** Removes the reminder only if it is still this one (due at that moment), not one set meanwhile. */
  removeIfUnchanged(reminder: Reminder): Promise<void>;
  /** Marks the reminder as handed to the outbox, unless it was cancelled or set again meanwhile. */
  markQueued(reminder: Reminder, at: Date): Promise<void>;
  all(): Promise<Reminder[]>;
}

const PARTITION = 'person';

type StoredReminder = Omit<Reminder, 'personKey'>;

/**
 * Reminders in the `reminders` table, keyed by person key; on SQLite or Azure Tables, whichever
 * the EntityStore is (both pass test/reminders/reminderStore.test.ts).
 */
export class EntityReminderStore implements ReminderStore {
  constructor(private readonly store: EntityStore) {}

  async save(reminder: Reminder): Promise<void> {
    const { personKey, ...stored } = reminder;
    await this.store.upsert<StoredReminder>('reminders', PARTITION, personKey, stored);
  }

  async find(personKey: string): Promise<Reminder | undefined> {
    const entity = await this.store.get<StoredReminder>('reminders', PARTITION, personKey);
    return entity ? { personKey, ...entity.value } : undefined;
  }

  async remove(personKey: string): Promise<boolean> {
    const existing = await this.store.get('reminders', PARTITION, personKey);
    if (!existing) return false;
    await this.store.delete('reminders', PARTITION, personKey);
    return true;
  }

  async removeIfUnchanged(reminder: Reminder): Promise<void> {
    const current = await this.find(reminder.personKey);
    if (current && current.dueAt === reminder.dueAt && current.setAt === reminder.setAt) {
      await this.store.delete('reminders', PARTITION, reminder.personKey);
    }
  }

  async markQueued(reminder: Reminder, at: Date): Promise<void> {
    const current = await this.store.get<StoredReminder>('reminders', PARTITION, reminder.personKey);
    if (!current || current.value.dueAt !== reminder.dueAt || current.value.setAt !== reminder.setAt) return;
    // On the etag: a reminder cancelled or set again in between is left as it is.
    await this.store.replace<StoredReminder>('reminders', PARTITION, reminder.personKey, { ...current.value, queuedAt: at.toISOString() }, current.etag);
  }

  async all(): Promise<Reminder[]> {
    return (await this.store.listPartition<StoredReminder>('reminders', PARTITION)).map((entity) => ({ personKey: entity.rowKey, ...entity.value }));
  }
}
