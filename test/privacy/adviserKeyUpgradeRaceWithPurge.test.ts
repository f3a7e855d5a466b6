import type { EntityStore, TableName } from '../../src/storage/entityStore';
import { AdviserKeyUpgrade } from '../../src/preferences/adviserKeyUpgrade';
import { CaseRepository } from '../../src/handoff/caseRepository';
import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The upgrade sweep moves an earlier version's card record by list, upsert under the adviser key, delete
 * under the person key (CaseRepository.refilePostedAdvisorCard, also used as records are read).
 * Another instance's retention purge (removeCase) that deletes the case and its card records between
 * the list and the upsert is undone for that one row: the upsert writes the record, with the adviser's
 * object id, into the partition of a case that no longer exists, which no later purge visits
 * (purgeClosedCaseContent walks existing cases). README, Records: "which adviser got which case card
 * ... deleted with the case". Here the store stands in for that interleaving: the purge runs just as
 * the upgrade has read the partition.
 */
const adviser = teamsUser('Anna Vertrouwd', 'nl-NL');
const person = teamsUser('Kim Aanvrager', 'nl-NL');

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');

beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

it('leaves no card record behind for a case another instance purged while the upgrade moved it', async () => {
  const { store } = bot.app;
  const { personKeys, preferences } = bot.app.services;
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  const partition = `advisorCards:${caseId}`;
  const adviserKey = personKeys.adviserKeyFor(adviser.aadObjectId);
  const personKey = personKeys.keyFor(adviser.aadObjectId);
  // As an earlier version filed it: under the adviser's person key.
  const record = (await store.get<{ userId: string; activityId: string }>('conversations', partition, adviserKey))!.value;
  await store.upsert('conversations', partition, personKey, record);
  await store.delete('conversations', partition, adviserKey);
  const handoffCase = (await store.get<HandoffCase>('cases', 'case', caseId))!.value;

  // Another instance purges the case right after this one listed the partition.
  const purgedMeanwhile: EntityStore = Object.create(store) as EntityStore;
  purgedMeanwhile.listPartition = async <T,>(table: TableName, partitionKey: string) => {
    const rows = await store.listPartition<T>(table, partitionKey);
    if (table === 'conversations' && partitionKey === partition) {
      for (const row of rows) await store.delete('conversations', partition, row.rowKey);
      await store.delete('cases', 'case', caseId);
    }
    return rows;
  };
  const repository = new CaseRepository(purgedMeanwhile);
  const upgrade = new AdviserKeyUpgrade(purgedMeanwhile, personKeys, preferences, {
    cases: { listAll: async () => [handoffCase], refilePostedAdvisorCard: repository.refilePostedAdvisorCard.bind(repository) },
    notifiedMembers: async () => [],
  }, clock);
  await upgrade.runWhenDue();

  expect(await store.get('cases', 'case', caseId)).toBeUndefined();
  const left = await store.listPartition<{ userId: string }>('conversations', partition);
  expect(left.map((row) => row.value.userId)).toEqual([]);
});
