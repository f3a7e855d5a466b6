import type { AppConfig } from '../../src/config/config';
import { createEntityStore } from '../../src/storage/createEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';

/** Opens the store a bot's settings name, as a script run beside the stopped bot would, and closes it after `work`. */
export async function withStore<T>(storage: AppConfig['storage'], work: (store: EntityStore) => Promise<T>): Promise<T> {
  const store = await createEntityStore(storage);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
