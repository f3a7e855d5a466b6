import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../src/audit/auditTrail';
import { AuditLogStore } from '../../src/storage/auditLogStore';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';

/** The audit trail's storage adapter, the same on SQLite and on Azure Tables (Azurite). */

let azurite: RunningAzurite;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-audit-'));

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const entry = (caseKey: string, actor: string, action: AuditEntry['action'], at: string): AuditEntry => ({ caseKey, actor, action, at });

describe.each([
  ['SQLite', async (): Promise<EntityStore> => new SqliteEntityStore(path.join(dataDir, `${randomBytes(4).toString('hex')}.sqlite`))],
  [
    'Azure Tables on Azurite',
    async (): Promise<EntityStore> =>
      AzureTablesEntityStore.create({ connectionString: azurite.connectionString, tablePrefix: `t${randomBytes(6).toString('hex')}`, allowInsecureConnection: true }),
  ],
] as const)('AuditLogStore on %s', (_, openStore) => {
  let store: EntityStore;
  let log: AuditLogStore;

  beforeEach(async () => {
    store = await openStore();
    log = new AuditLogStore(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('lists a case\'s or an actor\'s rows in the order they were written, across days, also within one millisecond', async () => {
    const same = '2026-11-24T10:00:00.000Z';
    await log.append(entry('case-a', 'adviser-1', 'cardReceived', same));
    await log.append(entry('case-a', 'adviser-2', 'cardReceived', same));
    await log.append(entry('case-a', 'adviser-1', 'claimed', same));
    await log.append(entry('case-b', 'adviser-2', 'viewed', '2026-11-25T08:00:00.000Z'));
    await log.append(entry('case-a', 'adviser-1', 'closed', '2026-11-26T09:30:00.000Z'));

    expect((await log.list({ caseKey: 'case-a' })).map((row) => [row.actor, row.action])).toEqual([
      ['adviser-1', 'cardReceived'],
      ['adviser-2', 'cardReceived'],
      ['adviser-1', 'claimed'],
      ['adviser-1', 'closed'],
    ]);
    expect((await log.list({ actor: 'adviser-2' })).map((row) => row.caseKey)).toEqual(['case-a', 'case-b']);
    expect(await log.list({})).toHaveLength(5);
  });

  it('deletes rows older than the cutoff, whole days and the rest of a partly old day, and keeps the rest', async () => {
    await log.append(entry('case-a', 'adviser-1', 'viewed', '2026-01-01T09:00:00.000Z'));
    await log.append(entry('case-a', 'adviser-1', 'viewed', '2026-01-02T09:00:00.000Z'));
    await log.append(entry('case-a', 'adviser-1', 'claimed', '2026-01-02T15:00:00.000Z'));
    await log.append(entry('case-a', 'adviser-1', 'closed', '2026-01-03T09:00:00.000Z'));

    expect(await log.deleteBefore(new Date('2026-01-02T12:00:00.000Z'))).toBe(2);
    expect((await log.list({})).map((row) => row.at)).toEqual(['2026-01-02T15:00:00.000Z', '2026-01-03T09:00:00.000Z']);
    expect((await store.listPartition('audit', 'days')).map((day) => day.rowKey)).toEqual(['2026-01-02', '2026-01-03']);

    expect(await log.deleteBefore(new Date('2026-02-01T00:00:00.000Z'))).toBe(2);
    expect(await log.list({})).toEqual([]);
    expect(await store.listPartition('audit', 'days')).toEqual([]);
  });

  it('reads the latest rows newest first from the newest days only, not the year of trail before them', async () => {
    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 0, 1 + day, hour)).toISOString();
    // 40 older days with a row each, then three busy days: 8, 9 and 7 rows.
    for (let day = 0; day < 40; day++) await log.append(entry(`old-${day}`, 'adviser-1', 'viewed', at(day, 12)));
    for (const [day, rows] of [[40, 8], [41, 9], [42, 7]] as const) {
      for (let hour = 0; hour < rows; hour++) await log.append(entry(`busy-${day}-${hour}`, 'adviser-2', 'viewed', at(day, hour)));
    }
    const listedDays: string[] = [];
    const counting = new Proxy(store, {
      get: (target, name, receiver) =>
        name === 'listPartition'
          ? (table: string, partition: string) => {
              listedDays.push(partition);
              return target.listPartition(table as 'audit', partition);
            }
          : Reflect.get(target, name, receiver),
    });

    const latest = await new AuditLogStore(counting).latest(20);

    const newestFirst = (await log.list({})).reverse();
    expect(latest).toEqual(newestFirst.slice(0, 20));
    expect(latest.map((row) => row.caseKey).slice(0, 3)).toEqual(['busy-42-6', 'busy-42-5', 'busy-42-4']);
    expect(listedDays).toEqual(['days', '2026-02-12', '2026-02-11', '2026-02-10']);
    expect(await log.latest(100)).toEqual(newestFirst);
  });
});
