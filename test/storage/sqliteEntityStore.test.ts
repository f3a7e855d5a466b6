import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { describeEntityStoreContract } from './entityStore.contract';

async function createTemporaryDirectory(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'sqlite-entity-store-'));
}

describeEntityStoreContract('SqliteEntityStore', async () => {
  const directory = await createTemporaryDirectory();
  const store = new SqliteEntityStore(path.join(directory, 'bot.sqlite'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
});

describe('SqliteEntityStore', () => {
  it('keeps its data when the file is closed and opened again', async () => {
    const directory = await createTemporaryDirectory();
    const filePath = path.join(directory, 'nested', 'bot.sqlite');
    try {
      const first = new SqliteEntityStore(filePath);
      await first.insert('cases', 'case-1', 'status', { state: 'claimed' });
      const etagBeforeClose = (await first.get('cases', 'case-1', 'status'))!.etag;
      await first.close();

      const reopened = new SqliteEntityStore(filePath);
      try {
        expect(await reopened.get('cases', 'case-1', 'status')).toEqual({
          partitionKey: 'case-1',
          rowKey: 'status',
          etag: etagBeforeClose,
          value: { state: 'claimed' },
        });
        expect(await reopened.replace('cases', 'case-1', 'status', { state: 'closed' }, etagBeforeClose)).toBe('replaced');
      } finally {
        await reopened.close();
      }
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});
