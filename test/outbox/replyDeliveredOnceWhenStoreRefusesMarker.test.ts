import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';

/**
 * "Delivered exactly once to the requester's view" (PRODUCT.md, Never lose a request), also when the store refuses
 * the write that marks a job delivered (red team, stop 31, finding 5). After the connector took the adviser's reply,
 * the outbox writes the job's tombstone (`outbox` / `done/<key>`); when the store refused that one write (SQLITE_BUSY;
 * on Azure Tables 503 ServerBusy or a timeout) the error left the run, the job kept its lease, and after it the reply
 * went a second time. Now the write is tried again, and a store that keeps refusing it gets the job row marked
 * delivered instead (without its text), so the next run writes the tombstone and sends nothing.
 *
 * The fault is the real store's `upsert` of the `done` partition refusing; everything else is the bot over HTTP, on
 * SQLite and on Azure Tables (Azurite).
 */
const STORES: ReadonlyArray<{ name: string; store: { prototype: EntityStore }; azure: boolean }> = [
  { name: 'SQLite', store: SqliteEntityStore, azure: false },
  { name: 'Azure Tables', store: AzureTablesEntityStore, azure: true },
];

describe.each(STORES)('on $name', ({ store, azure }) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  const lotte = teamsUser('Lotte Dubbel', 'en-GB');
  const sanne = teamsUser('Sanne Tweede', 'nl-NL');
  const femke = teamsUser('Femke Antwoord', 'nl-NL');
  let azurite: RunningAzurite | undefined;
  let bot: RunningBot;
  beforeAll(async () => {
    azurite = azure ? await startAzurite() : undefined;
    const storage: Record<string, string> = azurite
      ? { STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, AZURE_TABLES_PREFIX: `o${randomUUID().replace(/-/g, '').slice(0, 10)}` }
      : {};
    bot = await startBot({ ...storage, LOCAL_ADVISORS: `${femke.aadObjectId}:${femke.name}` }, { clock, runBackgroundWork: false });
    await new Conversation(bot, femke).installs();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await bot?.stop();
    await azurite?.stop();
  });

  /** The store refuses the tombstone writes: the first one only, or every one while `refusing` says so. */
  function refuseTombstones(refusing: () => boolean) {
    const upsert = store.prototype.upsert;
    let refused = 0;
    const spy = jest.spyOn(store.prototype, 'upsert').mockImplementation(async function (this: EntityStore, ...args) {
      const [table, partition] = args;
      if (table === 'outbox' && partition === 'done' && refusing()) {
        refused += 1;
        throw Object.assign(new Error('The server is busy.'), { statusCode: 503, code: azure ? 'ServerBusy' : 'SQLITE_BUSY' });
      }
      return upsert.apply(this, args);
    });
    return { spy, refused: () => refused };
  }

  async function claimedCaseWithReply(requester: TeamsUser, situation: string, reply: string) {
    const { caseId } = await requestAnonymously(bot, requester, situation);
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, femke).executes('case.reply', { caseId, reply });
    return caseId;
  }

  /** The worker keeps polling: after the lease (30 s) and a few minutes more, whatever is due runs. */
  async function fiveMinutesOfPolling() {
    for (let minute = 0; minute < 5; minute += 1) {
      clock.advanceMinutes(1);
      await bot.app.outbox.runDueJobs();
    }
  }

  const received = (requester: TeamsUser, text: string) =>
    new Conversation(bot, requester).proactiveCards().filter((card) => cardText({ card }).includes(text));

  it("delivers the adviser's reply to the requester once when the delivered marker could not be written the first time", async () => {
    const reply = 'Thank you for writing. Shall we talk on Thursday at ten?';
    await claimedCaseWithReply(lotte, 'My colleague is left out of every meeting.', reply);
    let first = true;
    const fault = refuseTombstones(() => {
      const refuse = first;
      first = false;
      return refuse;
    });
    await bot.app.outbox.runDueJobs();
    fault.spy.mockRestore();
    expect(fault.refused()).toBe(1);
    await fiveMinutesOfPolling();

    expect(received(lotte, reply)).toHaveLength(1);
    expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  });

  it("delivers the adviser's reply once when the store refuses the marker for the whole run, and keeps no text meanwhile", async () => {
    const reply = 'Friday at two works for me. I will send you a meeting link.';
    await claimedCaseWithReply(sanne, 'My supervisor makes jokes about my accent in front of patients.', reply);
    const fault = refuseTombstones(() => true);
    await bot.app.outbox.runDueJobs();
    fault.spy.mockRestore();
    expect(fault.refused()).toBeGreaterThan(1);
    const marked = (await bot.app.outbox.pendingJobs()).filter((job) => job.deliveredAt);
    expect(marked).toHaveLength(1);
    expect(JSON.stringify(marked)).not.toContain(reply);
    await fiveMinutesOfPolling();

    expect(received(sanne, reply)).toHaveLength(1);
    expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  });
});
