import { randomBytes } from 'node:crypto';
import { AzureTablesEntityStore, type AzureTablesEntityStoreOptions } from '../../src/storage/azureTablesEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { describeEntityStoreContract } from './entityStore.contract';

let azurite: RunningAzurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

/** A fresh prefix gives every store its own tables in the one shared Azurite. */
function freshOptions(): AzureTablesEntityStoreOptions {
  return {
    connectionString: azurite.connectionString,
    tablePrefix: `t${randomBytes(6).toString('hex')}`,
    allowInsecureConnection: true,
  };
}

describeEntityStoreContract('AzureTablesEntityStore on Azurite', async () => {
  const store = await AzureTablesEntityStore.create(freshOptions());
  return { store, cleanup: () => store.close() };
});

describe('AzureTablesEntityStore on Azurite', () => {
  it('lets only one of two bot processes replace with the same etag', async () => {
    const options = freshOptions();
    const firstProcess = await AzureTablesEntityStore.create(options);
    // The second process starts against tables that already exist.
    const secondProcess = await AzureTablesEntityStore.create(options);
    await firstProcess.insert('cases', 'case-1', 'claim', { advisor: null });
    const { etag } = (await secondProcess.get('cases', 'case-1', 'claim'))!;

    const outcomes = await Promise.all([
      firstProcess.replace('cases', 'case-1', 'claim', { advisor: 'first' }, etag),
      secondProcess.replace('cases', 'case-1', 'claim', { advisor: 'second' }, etag),
    ]);

    expect([...outcomes].sort()).toEqual(['conflict', 'replaced']);
    const winner = outcomes[0] === 'replaced' ? 'first' : 'second';
    expect((await firstProcess.get('cases', 'case-1', 'claim'))?.value).toEqual({ advisor: winner });
  });

  it('refuses a value too large for one property, without echoing it', async () => {
    const store = await AzureTablesEntityStore.create(freshOptions());
    const secret = 'patient-name-'.repeat(3_000);

    const attempt = store.upsert('cases', 'case-1', 'notes', { secret });

    await expect(attempt).rejects.toThrow(/serialises to \d+ characters/);
    await expect(attempt).rejects.not.toThrow(/patient-name/);
  });

  it('throws an error without keys or values when the service fails unexpectedly', async () => {
    const options = freshOptions();
    // Tables were never created, so the service answers TableNotFound.
    const store = new AzureTablesEntityStore(options);

    const attempt = store.get('cases', 'person@example.org', 'notes');

    await expect(attempt).rejects.toThrow("Azure Tables get on 'cases' failed with HTTP 404 (TableNotFound)");
    await expect(store.ping()).rejects.toThrow(/HTTP 404 \(TableNotFound\)/);
  });

  it('rejects a table prefix that would make an invalid Azure table name', () => {
    expect(() => new AzureTablesEntityStore({ ...freshOptions(), tablePrefix: 'no-dashes' })).toThrow(/check the table prefix/);
  });
});
