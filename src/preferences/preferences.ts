import type { EntityStore } from '../storage/entityStore';
import type { Locale, Role } from '../guidance/vocabulary';

/** What the bot remembers about a person: their language and role choice, and the language they last wrote in. */
export interface Preferences {
  /** A language the person chose (`taal` / `language`, the welcome card's button): it sticks. */
  readonly locale?: Locale;
  readonly role?: Role;
  /** Without a choice: the language of their last message, for buttons and messages that do not tell it (a code only). */
  readonly lastLocale?: Locale;
  /**
   * Written here by versions before 7 December 2026 (15459ee), which marked the person key as an adviser's: read as
   * a fallback until the adviser's next action moves them under their adviser key (AdviserSettings).
   */
  readonly adviserLocale?: Locale;
  readonly adviserTimeZone?: string;
}

/** Advisers only: the language and time zone their Teams client reported, for the cards they get later. */
export interface AdviserSettings {
  readonly adviserLocale?: Locale;
  readonly adviserTimeZone?: string;
}

const PARTITION = 'person';
/** Filed under the adviser key (PersonKeys.adviserKeyFor), which no reader of the tables can tie to a person key. */
const ADVISER_PARTITION = 'adviser';
/** As for cases: only people answered on several instances within the same moment ever retry. */
const MAX_CONFLICT_RETRIES = 8;

/** Preferences are filed under a person key (personKeys.ts), never under the person's id. */
export class PreferencesRepository {
  constructor(private readonly store: EntityStore) {}

  async get(key: string): Promise<Preferences> {
    const entity = await this.store.get<Preferences>('preferences', PARTITION, key);
    return entity?.value ?? {};
  }

  /**
   * Writes the change onto the row as it is now, with its etag: two instances answering the same
   * person at once (the "English" button on one, the language of their next message on the other)
   * each keep what the other wrote. A conflict reads the row again and applies the change to that.
   */
  /** What is sent later about something made earlier follows the language the person chose since; without a choice, `madeIn`. */
  async chosenLocaleOr(key: string, madeIn: Locale): Promise<Locale> {
    return (await this.get(key)).locale ?? madeIn;
  }

  async update(key: string, change: Preferences): Promise<Preferences> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const entity = await this.store.get<Preferences>('preferences', PARTITION, key);
      const next = { ...entity?.value, ...change };
      const written = entity
        ? await this.store.replace('preferences', PARTITION, key, next, entity.etag)
        : await this.store.insert('preferences', PARTITION, key, next);
      if (written === 'replaced' || written === 'inserted') return next;
    }
    throw new Error('A preferences update kept conflicting; giving up');
  }

  async delete(key: string): Promise<void> {
    await this.store.delete('preferences', PARTITION, key);
  }

  async getAdviserSettings(adviserKey: string): Promise<AdviserSettings> {
    return (await this.store.get<AdviserSettings>('preferences', ADVISER_PARTITION, adviserKey))?.value ?? {};
  }

  /** Whole: the two settings come from the same activity, and the last one wins. */
  async saveAdviserSettings(adviserKey: string, settings: AdviserSettings): Promise<void> {
    await this.store.upsert('preferences', ADVISER_PARTITION, adviserKey, settings);
  }

  async deleteAdviserSettings(adviserKey: string): Promise<void> {
    await this.store.delete('preferences', ADVISER_PARTITION, adviserKey);
  }
}
