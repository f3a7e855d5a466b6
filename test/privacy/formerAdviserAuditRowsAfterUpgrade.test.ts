import { AuditLogStore } from '../../src/storage/auditLogStore';
import type { AuditEntry } from '../../src/audit/auditTrail';
import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The upgrade sweep (src/preferences/adviserKeyUpgrade.ts) moves an earlier version's audit rows to the
 * adviser key, also for person keys no group or case names as an adviser's. Someone who was an adviser (an earlier version wrote their audit rows
 * under their person key), has left the advisers' group, and whose handled cases are purged, is known
 * to neither; when they are also the requester of an anonymous case, their audit rows keep exactly
 * the key that case stores, for the whole AUDIT_RETENTION_DAYS (365 by default). A reader of the
 * tables then reads "this anonymous requester is one of the few (former) advisers", from a row keyed
 * as an adviser's action. The one key whose rows matter is the key an anonymous case stores, and the
 * sweep holds every case: it moves rows of every requester's person key as well.
 */
const adviser = teamsUser('Anna Vertrouwd', 'nl-NL');
const formerAdviser = teamsUser('Wim Oudgediende', 'nl-NL');

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');

beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

it('after the first sweep no audit row names the person key that a former adviser\'s anonymous case stores', async () => {
  const { personKeys } = bot.app.services;
  const personKey = personKeys.keyFor(formerAdviser.aadObjectId);
  // As an earlier version wrote it while they were an adviser: a claim under their person key (the case itself since purged).
  await new AuditLogStore(bot.app.store).append({ caseKey: personKeys.caseKeyFor('VK-OLD0-CASE'), actor: personKey, action: 'claimed', at: '2026-11-10T09:00:00.000Z' } as AuditEntry);

  // No longer an adviser, they ask for help themselves, anonymously.
  await requestAdviser(bot, formerAdviser, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();

  await bot.app.runSweep();

  const actors: string[] = [];
  for (const day of await bot.app.store.listPartition('audit', 'days')) {
    for (const row of await bot.app.store.listPartition<AuditEntry>('audit', day.rowKey)) actors.push(row.value.actor);
  }
  expect(actors.filter((actor) => actor === personKey)).toEqual([]);
  // The administrator with the secret still finds the row.
  expect((await bot.app.audit.forPersonKey(personKey)).map((entry) => entry.action)).toContain('claimed');
});
