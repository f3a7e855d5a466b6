import type { EntityStore } from '../storage/entityStore';
import type { Locale, Role } from '../guidance/vocabulary';

/** What the bot remembers about a person: their language and role choice, and the language they last wrote in. */
export interface Preferences {
  /** A language the person chose (`taal` / `language`, the welcome card's button): it sticks. */
  readonly locale?: Locale;
  readonly role?: Role;
  /** Without a choice: the language of their last message, for buttons and messages that do not tell it (a code only). */
  readonly lastLocale?: Locale;
  /** Advisers only: the language and time zone their Teams client reported, for the cards they get later. */
  readonly adviserLocale?: Locale;
  readonly adviserTimeZone?: string;
}

const PARTITION = 'person';

/** Preferences are filed under a person key (personKeys.ts), never under the person's id. */
export class PreferencesRepository {
  constructor(private readonly store: EntityStore) {}

  async get(key: string): Promise<Preferences> {
    const entity = await this.store.get<Preferences>('preferences', PARTITION, key);
    return entity?.value ?? {};
  }

  async update(key: string, change: Preferences): Promise<Preferences> {
    const next = { ...(await this.get(key)), ...change };
    await this.store.upsert('preferences', PARTITION, key, next);
    return next;
  }

  async delete(key: string): Promise<void> {
    await this.store.delete('preferences', PARTITION, key);
  }
}
