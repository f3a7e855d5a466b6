import { loadConfig, type AppConfig } from '../src/config/config';
import { loadPersonKeys, type PersonKeys } from '../src/preferences/personKeys';
import { createEntityStore } from '../src/storage/createEntityStore';
import type { EntityStore } from '../src/storage/entityStore';

/** How an administrator names a person on the command line: an Entra object id, or a person key as stored. */
export const OBJECT_ID_ARGUMENT = /^[0-9a-fA-F-]{36}$/;
export const PERSON_KEY_ARGUMENT = /^[0-9a-f]{40}$/;

/**
 * An object id as Teams and Graph send it, in lower case, which is how the bot keyed it: the same GUID copied in upper
 * case (a spreadsheet, a ticket) would be keyed to nobody, and an export would say the bot holds nothing about them.
 */
export function asTeamsSendsIt(objectId: string): string {
  return objectId.toLowerCase();
}

export interface AdministratorStore {
  readonly config: AppConfig;
  /** The bot's own secret: an object id or case code becomes the key the rows are stored under. */
  readonly keys: PersonKeys;
  readonly store: EntityStore;
}

/** Opens the bot's configured store for an administrator's script, and closes it whatever the work does. */
export async function withAdministratorStore<T>(work: (access: AdministratorStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const keys = loadPersonKeys(config.personKeys);
  const store = await createEntityStore(config.storage);
  try {
    return await work({ config, keys, store });
  } finally {
    await store.close();
  }
}
