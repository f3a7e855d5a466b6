import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import Database from 'better-sqlite3';
import type { HandoffCase } from '../../src/handoff/handoffCase';
import { isoWeekOf } from '../../src/insights/insightEvents';
import type { StoredInsightWeek } from '../../src/insights/insightsRecorder';
import { TABLES } from '../../src/storage/entityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Issue 19.6, with a test clock: a claimed case nothing happens in reminds its adviser and then
 * closes as expired (also across a restart); people who stop using the bot are forgotten;
 * failed outbox rows go after their period; and once a case is purged, a scan of every row
 * finds nothing of it but the weekly counters, until the delivered-job markers and audit rows
 * (which hold keys only) run out too.
 */

const adviser = teamsUser('Femke Mulder', 'nl-NL');
const requester = teamsUser('Joost van Dijk', 'en-GB');
const MESSAGE = 'My supervisor shouts at me in front of patients';
const RELAYED = 'It happened again this morning';
const AUDIT_RETENTION_DAYS = 200;
const FAILED_JOB_RETENTION_DAYS = 10;

interface Row {
  readonly table: string;
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly value: string;
}

describe.each([
  ['SQLite', 'sqlite'],
  ['Azure Tables on Azurite', 'azure-tables'],
] as const)('inactivity and dead letters (%s)', (_, storage) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-inactivity-'));
  let azurite: RunningAzurite | undefined;
  let environment: Record<string, string> = {};
  let bot: RunningBot;
  let caseId = '';
  let code = '';

  /** The bot as it starts in production: a restart is a new process on the same store and secret. */
  async function startOnTheSameStore(): Promise<RunningBot> {
    const started = await startBot(environment, { clock, runBackgroundWork: false });
    // The local connector listens on a new port after a restart: each person's next message tells the bot where.
    await new Conversation(started, adviser).installs();
    return started;
  }

  /** Every row of every table, as the store holds it. */
  async function allRows(): Promise<Row[]> {
    if (storage === 'sqlite') {
      const database = new Database(environment.SQLITE_PATH!, { readonly: true, fileMustExist: true });
      try {
        return TABLES.flatMap((table) =>
          (database.prepare(`SELECT partition_key, row_key, value FROM "${table}"`).all() as { partition_key: string; row_key: string; value: string }[]).map(
            (row) => ({ table, partitionKey: row.partition_key, rowKey: row.row_key, value: row.value }),
          ),
        );
      } finally {
        database.close();
      }
    }
    const rows: Row[] = [];
    for (const table of TABLES) {
      const client = TableClient.fromConnectionString(azurite!.connectionString, `${environment.AZURE_TABLES_PREFIX}${table.charAt(0).toUpperCase()}${table.slice(1)}`, {
        allowInsecureConnection: true,
      });
      for await (const entity of client.listEntities()) {
        rows.push({ table, partitionKey: entity.partitionKey!, rowKey: entity.rowKey!, value: JSON.stringify(entity) });
      }
    }
    return rows;
  }

  const storedCase = async () => (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))?.value;
  const cardsFor = (user: typeof adviser) => new Conversation(bot, user).proactiveCards().map((card) => cardText({ card }));

  beforeAll(async () => {
    environment = {
      LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Mulder`,
      PERSON_KEY_SECRET: randomBytes(32).toString('hex'),
      AUDIT_RETENTION_DAYS: String(AUDIT_RETENTION_DAYS),
      FAILED_JOB_RETENTION_DAYS: String(FAILED_JOB_RETENTION_DAYS),
      SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    };
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      environment = {
        ...environment,
        STORAGE: 'azure-tables',
        AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
        AZURE_TABLES_PREFIX: `t${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      };
    }
    bot = await startOnTheSameStore();
  }, 90_000);
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reminds the adviser of a claimed case nothing happens in, and closes it as expired after a restart; the requester is told and the week counts it', async () => {
    const { reminder, close } = { reminder: 30, close: 14 };
    expect(bot.app.services.content.organisation.retention).toMatchObject({ inactiveCaseReminderDays: reminder, inactiveCaseCloseDays: close });
    ({ caseId, code } = await requestAnonymously(bot, requester, MESSAGE));
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();

    // A relayed message is activity: the period starts again from it.
    clock.advanceDays(10);
    await new Conversation(bot, requester).says(RELAYED);
    await bot.app.outbox.runDueJobs();
    clock.advanceDays(reminder - 1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect((await storedCase())?.inactivityRemindedAt ?? null).toBeNull();

    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const reminders = cardsFor(adviser).filter((text) => text.includes(`In ${code} is al ${reminder} dagen niets gebeurd`));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain(`de komende ${close} dagen`);

    // A restart in between: the reminder is stored with the case, so it is neither sent again nor forgotten.
    await bot.stop();
    bot = await startOnTheSameStore();
    await new Conversation(bot, requester).installs();
    clock.advanceDays(close - 1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect((await storedCase())?.status).toBe('claimed');
    expect(cardsFor(adviser).filter((text) => text.includes('niets gebeurd'))).toEqual([]);

    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(await storedCase()).toMatchObject({ status: 'closed', closedBy: 'inactivity', outcome: 'expired' });
    expect(cardsFor(requester).some((text) => text.includes(`Your request ${code} has been closed because nothing happened in it for ${reminder + close} days`))).toBe(true);
    expect(cardsFor(adviser).some((text) => text.includes(`${code} is gesloten als verlopen`))).toBe(true);
    await bot.app.flushInsights();
    const week = await bot.app.store.get<StoredInsightWeek>('insights', isoWeekOf(clock.now()), 'counts');
    expect(week?.value.counts['handoff:expired']).toBe(1);
    const actions = (await bot.app.audit.forCase(code)).map((entry) => entry.action);
    expect(actions.slice(-2)).toEqual(['inactivityReminder', 'closedForInactivity']);
  }, 90_000);

  it('keeps a case open while its adviser keeps opening it after the reminder', async () => {
    const other = teamsUser('Lotte Jansen', 'nl-NL');
    const { caseId: otherCase } = await requestAnonymously(bot, other, 'Een collega maakt steeds grappen over mijn afkomst');
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId: otherCase });
    clock.advanceDays(30);
    await bot.app.runSweep();
    clock.advanceDays(7);
    await new Conversation(bot, adviser).executes('case.refresh', { caseId: otherCase });
    clock.advanceDays(8);
    await bot.app.runSweep();
    expect((await bot.app.store.get<HandoffCase>('cases', 'case', otherCase))?.value.status).toBe('claimed');
    await new Conversation(bot, adviser).executes('case.close', { caseId: otherCase, outcome: 'advice-given', followUp: 'false' });
    await bot.app.outbox.runDueJobs();
  }, 60_000);

  it('deletes a failed outbox row after FAILED_JOB_RETENTION_DAYS, not before', async () => {
    await bot.app.outbox.enqueue('no-such-case:toRequester:m1', 'handoff.relayToRequester', { caseId: 'no-such-case', texts: ['Shall we talk?'] });
    await bot.app.outbox.runDueJobs();
    const failed = async () => (await bot.app.outbox.pendingJobs()).filter((job) => job.failed && job.key === 'no-such-case:toRequester:m1');
    expect(await failed()).toHaveLength(1);
    // An hour before the period ends it is still there; an hour after, gone.
    clock.advanceMinutes(FAILED_JOB_RETENTION_DAYS * 24 * 60 - 60);
    await bot.app.runSweep();
    expect(await failed()).toHaveLength(1);
    clock.advanceMinutes(120);
    await bot.app.runSweep();
    expect(await failed()).toEqual([]);
  });

  it('after the purge, a scan of every row finds nothing of the case but the weekly counters, keys only until their own periods end', async () => {
    const caseKey = bot.app.services.personKeys.caseKeyFor(code);
    const traces = [caseId, code, caseKey, MESSAGE, RELAYED, requester.name, requester.aadObjectId];
    const rowsWith = async (trace: string) => (await allRows()).filter((row) => `${row.partitionKey}\u0000${row.rowKey}\u0000${row.value}`.includes(trace));
    // The scan has teeth: the closed case is there to be found.
    expect(await rowsWith(MESSAGE)).not.toEqual([]);

    clock.advanceDays(bot.app.services.content.organisation.retention.caseContentDays + 1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    await bot.app.runSweep();
    const left = new Map<string, string[]>();
    for (const trace of traces) {
      left.set(trace, [...new Set((await rowsWith(trace)).map((row) => `${row.table}/${row.partitionKey === 'done' ? 'done' : row.partitionKey.slice(0, 10)}`))]);
    }
    // What is left: the delivered-job markers (their keys hold the case id, a month) and the audit rows (the keyed code).
    const auditDays = left.get(caseKey)!;
    expect(auditDays.length).toBeGreaterThan(0);
    expect(auditDays.every((where) => /^audit\/\d{4}-\d{2}-\d{2}$/.test(where))).toBe(true);
    expect(Object.fromEntries(left)).toEqual({
      [caseId]: ['outbox/done'],
      [code]: [],
      [caseKey]: auditDays,
      [MESSAGE]: [],
      [RELAYED]: [],
      [requester.name]: [],
      [requester.aadObjectId]: [],
    });
    expect((await allRows()).filter((row) => row.table === 'cases')).toEqual([]);

    // Once the markers' month and the audit period are over, nothing of the case is left at all.
    clock.advanceDays(AUDIT_RETENTION_DAYS);
    await bot.app.runSweep();
    for (const trace of traces) expect({ trace, rows: await rowsWith(trace) }).toEqual({ trace, rows: [] });
    const weeks = (await allRows()).filter((row) => row.table === 'insights' && row.rowKey === 'counts');
    expect(weeks.length).toBeGreaterThan(0);
  }, 90_000);

  it('forgets someone who stopped using the bot after inactivePersonDays, but keeps the advisers the bot must reach', async () => {
    const days = bot.app.services.content.organisation.retention.inactivePersonDays;
    const visitor = teamsUser('Sanne de Groot', 'nl-NL');
    await new Conversation(bot, visitor).says('taal');
    const visitorKey = bot.app.services.personKeys.keyFor(visitor.aadObjectId);
    const adviserKey = bot.app.services.personKeys.keyFor(adviser.aadObjectId);
    expect(await bot.app.store.get('preferences', 'person', visitorKey)).toBeDefined();

    clock.advanceDays(days - 1);
    await bot.app.runSweep();
    expect(await bot.app.store.get('preferences', 'person', visitorKey)).toBeDefined();
    expect(await bot.app.store.get('conversations', 'person', visitorKey)).toBeDefined();

    // Exactly inactivePersonDays after the day they last wrote: still kept; the day after, forgotten.
    clock.advanceDays(1);
    await bot.app.runSweep();
    expect(await bot.app.store.get('preferences', 'person', visitorKey)).toBeDefined();

    clock.advanceDays(1);
    await bot.app.runSweep();
    expect(await bot.app.store.get('preferences', 'person', visitorKey)).toBeUndefined();
    expect(await bot.app.store.get('conversations', 'person', visitorKey)).toBeUndefined();
    // The adviser has not written for as long, but is in the pool: new requests must still reach them.
    expect(await bot.app.store.get('conversations', 'person', adviserKey)).toBeDefined();
    // Someone who comes back is simply a new visitor.
    const [welcome] = await new Conversation(bot, visitor).says('hallo');
    expect(welcome).toBeDefined();
  }, 60_000);
});
