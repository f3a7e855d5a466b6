import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PreferencesRepository } from '../../src/preferences/preferences';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';

/**
 * Red team, stop 29. "A language they chose sticks." Preferences are updated by reading the row
 * and writing it back whole (`PreferencesRepository.update`: get, then upsert, no etag). Two
 * instances handling the same person at the same moment (the "English" button on one, the next
 * Dutch message, which records the last language used, on the other) each write what they read
 * plus their change; the later write drops the other's. Here the chosen language is lost, and
 * the person is answered in whatever they write next, although they chose.
 */
let directory: string;
let azurite: RunningAzurite;
beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'redteam-preferences-'));
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
  await fs.rm(directory, { recursive: true, force: true });
});

/** One store both instances share: a SQLite file, or one Azure Tables account (Azurite). */
const STORES: [string, (name: string) => Promise<EntityStore>][] = [
  ['one SQLite file', async (name) => new SqliteEntityStore(path.join(directory, `${name}.sqlite`))],
  [
    'one Azure Tables account (Azurite)',
    async () => AzureTablesEntityStore.create({ connectionString: azurite.connectionString, tablePrefix: `p${randomBytes(6).toString('hex')}`, allowInsecureConnection: true }),
  ],
];

/** The store as the second instance sees it: its write waits until the test lets it go. */
function withHeldWrite(store: EntityStore): { store: EntityStore; writeReached: Promise<void>; release: () => void } {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const writeReached = new Promise<void>((resolve) => (reached = resolve));
  const held = Object.create(store) as EntityStore;
  // Every kind of write is held, so the repository cannot pass the race by writing another way.
  held.upsert = async (table, partitionKey, rowKey, value) => {
    reached();
    await released;
    return store.upsert(table, partitionKey, rowKey, value);
  };
  held.replace = async (table, partitionKey, rowKey, value, etag) => {
    reached();
    await released;
    return store.replace(table, partitionKey, rowKey, value, etag);
  };
  held.insert = async (table, partitionKey, rowKey, value) => {
    reached();
    await released;
    return store.insert(table, partitionKey, rowKey, value);
  };
  return { store: held, writeReached, release };
}

describe.each(STORES)('preferences written by two instances at once, on %s', (_name, openStore) => {
  it('keeps the language a person chose when another instance records the language of their next message', async () => {
    const store = await openStore('bot');
    const personKey = 'person-key-of-someone';
    const firstInstance = new PreferencesRepository(store);
    await firstInstance.update(personKey, { role: 'employee', lastLocale: 'en' });

    const second = withHeldWrite(store);
    const secondInstance = new PreferencesRepository(second.store);
    // The Dutch message's turn on the second instance has read the row and is about to write.
    const lastLocaleWrite = secondInstance.update(personKey, { lastLocale: 'nl' });
    await second.writeReached;
    // Meanwhile the first instance handles the "English" button.
    await firstInstance.update(personKey, { locale: 'en' });
    second.release();
    await lastLocaleWrite;

    expect(await firstInstance.get(personKey)).toMatchObject({ locale: 'en', role: 'employee' });
    // And the second instance's own change is kept too, not dropped instead.
    expect(await firstInstance.get(personKey)).toMatchObject({ lastLocale: 'nl' });
    await store.close();
  });

  it('keeps both when the row does not exist yet and both instances create it at once', async () => {
    const store = await openStore('first-row');
    const personKey = 'person-key-of-someone-new';
    const firstInstance = new PreferencesRepository(store);
    const second = withHeldWrite(store);
    const secondInstance = new PreferencesRepository(second.store);
    const lastLocaleWrite = secondInstance.update(personKey, { lastLocale: 'nl' });
    await second.writeReached;
    await firstInstance.update(personKey, { role: 'student' });
    second.release();
    await lastLocaleWrite;

    expect(await firstInstance.get(personKey)).toEqual({ role: 'student', lastLocale: 'nl' });
    await store.close();
  });
});
