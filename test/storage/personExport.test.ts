import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandoffCase } from '../../src/handoff/handoffCase';
import { CaseRepository } from '../../src/handoff/caseRepository';
import { exportPerson } from '../../src/storage/personExport';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';

/**
 * An adviser's access request finds every case that names them, not only the ones they claimed:
 * a hand-over offered to them and a case moved away from them keep their id in the case row.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-export-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const keyOf = (userId: string) => `key-of-${userId}`;
const keys = { keyFor: keyOf, adviserKeyOf: (personKey: string) => `adviser-${personKey}` };
const adviser = (userId: string) => ({ userId, displayName: `Adviser ${userId}` });

function storedCase(id: string, advisers: Partial<Pick<HandoffCase, 'claimedBy' | 'handOverTo' | 'movedAwayFrom'>>): HandoffCase {
  return { id, code: `VK-${id}`, status: 'claimed', requester: { personKey: 'requester-key' }, ...advisers } as unknown as HandoffCase;
}

it('lists the cases an adviser claimed, was offered in a hand-over, or was moved away from, and no others', async () => {
  const store = new SqliteEntityStore(path.join(dataDir, 'export.sqlite'));
  try {
    const cases = [
      storedCase('claimed', { claimedBy: adviser('ana') }),
      storedCase('offered', { claimedBy: adviser('bo'), handOverTo: adviser('ana') }),
      storedCase('moved-away', { claimedBy: adviser('bo'), movedAwayFrom: ['ana'] }),
      storedCase('someone-elses', { claimedBy: adviser('bo'), movedAwayFrom: ['cas'] }),
      storedCase('unclaimed', { claimedBy: null }),
    ];
    for (const handoffCase of cases) await store.insert('cases', 'case', handoffCase.id, handoffCase);
    const exported = await exportPerson(store, keyOf('ana'), keys);
    expect(exported.casesAsAdviser.map((handoffCase) => handoffCase.id).sort()).toEqual(['claimed', 'moved-away', 'offered']);
    const other = await exportPerson(store, keyOf('cas'), keys);
    expect(other.casesAsAdviser.map((handoffCase) => handoffCase.id)).toEqual(['someone-elses']);
  } finally {
    await store.close();
  }
});

it('lists the follow-ups an adviser asked for that outlived their purged case, by code and day only', async () => {
  const store = new SqliteEntityStore(path.join(dataDir, 'follow-ups.sqlite'));
  try {
    const cases = new CaseRepository(store);
    await cases.keepFollowUp('case-1', { code: 'VK-AAAA-BBBB', advisorUserId: 'ana', on: '2026-12-08' });
    await cases.keepFollowUp('case-2', { code: 'VK-CCCC-DDDD', advisorUserId: 'bo', on: '2026-12-09' });
    expect((await exportPerson(store, keyOf('ana'), keys)).followUpsAsAdviser).toEqual([{ code: 'VK-AAAA-BBBB', on: '2026-12-08' }]);
    expect((await exportPerson(store, keyOf('cas'), keys)).followUpsAsAdviser).toEqual([]);
  } finally {
    await store.close();
  }
});
