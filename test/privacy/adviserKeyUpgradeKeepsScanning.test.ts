import type { AuditEntry } from '../../src/audit/auditTrail';
import { AdviserKeyUpgrade, OLDER_INSTANCES_DRAINED_MS } from '../../src/preferences/adviserKeyUpgrade';
import { CaseRepository } from '../../src/handoff/caseRepository';
import { PreferencesRepository } from '../../src/preferences/preferences';
import { AuditLogStore } from '../../src/storage/auditLogStore';
import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The adviser-key upgrade (src/preferences/adviserKeyUpgrade.ts) leaves no "done" marker in the store, and this is why:
 * an instance of an earlier version still files an adviser's audit row under their person key after a newer one has
 * swept (a rolling deploy, for a few minutes; a rollback, for as long as it runs). The newer instance sweeps again once
 * the old instances have drained, and every instance started later sweeps the whole store: with a marker, a row filed
 * after it would keep joining the adviser's person key, the key their own anonymous request holds, for the audit retention.
 */
const adviser = teamsUser('Femke Tweemaal', 'nl-NL');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

/** An audit row as an earlier version filed it: the adviser's action under their person key. */
async function oldVersionFilesAuditRow(): Promise<void> {
  const { personKeys } = bot.app.services;
  await new AuditLogStore(bot.app.store).append({
    caseKey: personKeys.caseKeyFor('VK-OLD0-ROWS'),
    actor: personKeys.keyFor(adviser.aadObjectId),
    action: 'claimed',
    at: clock.now().toISOString(),
  } as AuditEntry);
}

/** The audit rows a table reader finds under the adviser's person key. */
async function rowsUnderPersonKey(): Promise<number> {
  const personKey = bot.app.services.personKeys.keyFor(adviser.aadObjectId);
  let found = 0;
  for (const day of await bot.app.store.listPartition('audit', 'days')) {
    for (const row of await bot.app.store.listPartition<AuditEntry>('audit', day.rowKey)) if (row.value.actor === personKey) found += 1;
  }
  return found;
}

it('moves what an older instance filed during a rolling deploy, by a second sweep once older instances have drained', async () => {
  await oldVersionFilesAuditRow();
  await bot.app.runSweep();
  expect(await rowsUnderPersonKey()).toBe(0);

  // An older instance, still draining, files one more row after this instance's first sweep.
  clock.advanceMinutes(2);
  await oldVersionFilesAuditRow();
  clock.advanceMinutes(OLDER_INSTANCES_DRAINED_MS / 60_000);
  await bot.app.runSweep();
  expect(await rowsUnderPersonKey()).toBe(0);
  // The administrator with the secret still finds both rows under the adviser key.
  const personKey = bot.app.services.personKeys.keyFor(adviser.aadObjectId);
  expect((await bot.app.audit.forPersonKey(personKey)).filter((entry) => entry.action === 'claimed')).toHaveLength(2);
});

it('moves a row filed after every sweep of a running instance (a rollback, then this version again) at the next start', async () => {
  await oldVersionFilesAuditRow();
  expect(await rowsUnderPersonKey()).toBe(1);

  // The next instance to start on the same store: nothing in the store tells it the upgrade was done.
  const { personKeys } = bot.app.services;
  const nextInstance = new AdviserKeyUpgrade(
    bot.app.store,
    personKeys,
    new PreferencesRepository(bot.app.store),
    { cases: new CaseRepository(bot.app.store), notifiedMembers: async () => [adviser.aadObjectId] },
    clock,
  );
  expect((await nextInstance.runWhenDue()).auditRows).toBe(1);
  expect(await rowsUnderPersonKey()).toBe(0);
});
