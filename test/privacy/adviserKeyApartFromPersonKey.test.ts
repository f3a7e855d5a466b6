import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/audit/auditTrail';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { azureTablesRows, sqliteRows, type StoredRow } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 30 #1. PRODUCT.md: "Anonymous means anonymous, also to someone who can read the
 * database. Nothing stored for an anonymous case joins to a person's ids; person keys are keyed
 * hashes." Advisers are staff too: the research integrity counsellor can be harassed and ask the
 * confidential advisers for help, anonymously. Their anonymous case stores their person key as
 * the requester. What the bot keeps about them as an adviser (the record of each case card posted
 * to them, which holds their object id; their audit rows, whose claim times match the case rows
 * that name them; the language and time zone of their cards) was filed under that same person key,
 * so a reader of the tables, without the secret, read the object id of the anonymous requester.
 * Now it is filed under an adviser key drawn from the person key under a key of its own.
 * On SQLite and on Azure Tables (Azurite), read as a reader of the tables reads them.
 */
const counsellor = teamsUser('Pieter Onderzoeker', 'nl-NL');
const confidentialAdviser = teamsUser('Anna Vertrouwd', 'nl-NL');
const researcher = teamsUser('Kim Promovenda', 'en-GB');
const secondResearcher = teamsUser('Lars Postdoc', 'en-GB');
const thirdResearcher = teamsUser('Mila Analist', 'en-GB');

interface StorageUnderTest {
  readonly name: string;
  settings(): Record<string, string>;
  rows(bot: RunningBot): Promise<StoredRow[]>;
}

let azurite: RunningAzurite | undefined;
const azurePrefix = `a${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const storages: StorageUnderTest[] = [
  { name: 'SQLite', settings: () => ({}), rows: async (bot) => sqliteRows(bot) },
  {
    name: 'Azure Tables (Azurite)',
    settings: () => ({ STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite!.connectionString, AZURE_TABLES_PREFIX: azurePrefix }),
    rows: () => azureTablesRows(azurite!.connectionString, azurePrefix),
  },
];

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

const filedUnder = (row: StoredRow, key: string) => row.partitionKey.includes(key) || row.rowKey.includes(key);

describe.each(storages)('an adviser of one pool who asks another pool for help, anonymously, on $name', (storage) => {
  let bot: RunningBot;
  const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

  beforeAll(async () => {
    bot = await startBot(
      {
        ...storage.settings(),
        LOCAL_ADVISORS: `${confidentialAdviser.aadObjectId}:${confidentialAdviser.name}`,
        LOCAL_ADVISER_POOLS: `research-integrity=${counsellor.aadObjectId}:${counsellor.name}`,
      },
      { clock, runBackgroundWork: false },
    );
    await new Conversation(bot, counsellor).installs();
    await new Conversation(bot, confidentialAdviser).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('leaves no row that joins their anonymous case to their object id, or marks its key as an adviser\'s', async () => {
    // An ordinary day for the counsellor: a researcher's request reaches them as a card.
    const researchCase = await requestAdviser(bot, researcher, { asks: { topic: 'research-integrity' } });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(7);
    await new Conversation(bot, counsellor).executes('case.claim', { caseId: researchCase.caseId });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(30);

    // Then they ask the confidential advisers for help themselves, anonymously.
    const { caseId } = await requestAdviser(bot, counsellor, { mode: 'anonymous', asks: { topic: 'bullying', perspective: 'target' } });
    await bot.app.outbox.runDueJobs();

    // What a reader of the tables does: the anonymous case names its requester's person key ...
    const rows = await storage.rows(bot);
    const caseRow = rows.find((row) => row.table === 'cases' && row.partitionKey === 'case' && row.rowKey === caseId);
    const anonymousCase = JSON.parse(caseRow!.value) as { mode: string; requester: { personKey: string; userId?: string | null } };
    expect(anonymousCase.mode).toBe('anonymous');
    expect(JSON.stringify(anonymousCase)).not.toContain(counsellor.aadObjectId);
    const personKey = anonymousCase.requester.personKey;

    // ... and looks for any other row filed under that key that names an object id.
    const joined = rows.filter((row) => row.rowKey !== caseId && filedUnder(row, personKey) && row.value.includes(counsellor.aadObjectId));
    expect(joined.map(({ table, partitionKey }) => `${table} / ${partitionKey.replace(/[0-9a-f]{32}/, '<case id>')}`)).toEqual([]);

    // Nothing filed under the key says it is an adviser's (their cards' language and time zone).
    const markedAsAdviser = rows.filter((row) => filedUnder(row, personKey) && /adviserLocale|adviserTimeZone/.test(row.value));
    expect(markedAsAdviser.map(({ table, partitionKey }) => `${table} / ${partitionKey}`)).toEqual([]);

    // The audit trail names no actor by that key; so no claim by it matches a case row's claim time.
    const auditEntries = rows.filter((row) => row.table === 'audit' && row.partitionKey !== 'days').map((row) => JSON.parse(row.value) as AuditEntry);
    expect(auditEntries.map((entry) => entry.action)).toContain('claimed');
    expect(auditEntries.filter((entry) => entry.actor === personKey)).toEqual([]);
    const claimedCases = rows
      .filter((row) => row.table === 'cases' && row.partitionKey === 'case')
      .map((row) => JSON.parse(row.value) as { claimedAt: string | null; claimedBy: { userId: string } | null });
    const claimsByThatKey = auditEntries.filter((entry) => entry.actor === personKey && entry.action === 'claimed');
    const objectIdsAtThoseMoments = claimsByThatKey.flatMap((entry) => claimedCases.filter((found) => found.claimedAt === entry.at).map((found) => found.claimedBy?.userId));
    expect(objectIdsAtThoseMoments).not.toContain(counsellor.aadObjectId);

    // The administrator with the secret still finds the counsellor's trail, by object id and by person key.
    expect((await bot.app.audit.forAdviser(counsellor.aadObjectId)).map((entry) => entry.action)).toEqual(['cardReceived', 'claimed']);
    expect((await bot.app.audit.forPersonKey(personKey)).map((entry) => entry.action)).toEqual(['cardReceived', 'claimed']);
  });

  it('loses nothing an earlier version filed under the person key: card records, audit rows and card settings are still found, and move to the adviser key', async () => {
    const { personKeys } = bot.app.services;
    const { store } = bot.app;
    const personKey = personKeys.keyFor(counsellor.aadObjectId);
    const adviserKey = personKeys.adviserKeyFor(counsellor.aadObjectId);
    const counsellorCalls = () => bot.connector.calls.filter((call) => call.conversationId === counsellor.conversationId);

    // A request whose card reached the counsellor before the upgrade ...
    const waiting = await requestAdviser(bot, secondResearcher, { asks: { topic: 'research-integrity' } });
    await bot.app.outbox.runDueJobs();
    const postedBefore = counsellorCalls().filter((call) => call.method === 'POST').length;

    // ... and everything as the earlier version filed it: under the counsellor's person key.
    const partition = `advisorCards:${waiting.caseId}`;
    const record = (await store.get<{ userId: string; activityId: string }>('conversations', partition, adviserKey))!.value;
    await store.upsert('conversations', partition, personKey, record);
    await store.delete('conversations', partition, adviserKey);
    const auditBefore = await bot.app.audit.forAdviser(counsellor.aadObjectId);
    for (const day of await store.listPartition('audit', 'days')) {
      for (const row of await store.listPartition<AuditEntry>('audit', day.rowKey)) {
        if (row.value.actor === adviserKey) await store.upsert('audit', day.rowKey, row.rowKey, { ...row.value, actor: personKey });
      }
    }
    await store.delete('preferences', 'adviser', adviserKey);
    await bot.app.services.preferences.update(personKey, { adviserLocale: 'en', adviserTimeZone: 'Europe/London' });

    // The audit trail: the same rows, found under the person key.
    const withoutActor = (entries: readonly AuditEntry[]) => entries.map(({ caseKey, action, at }) => ({ caseKey, action, at }));
    const legacyTrail = await bot.app.audit.forAdviser(counsellor.aadObjectId);
    expect(withoutActor(legacyTrail)).toEqual(withoutActor(auditBefore));
    expect(new Set(legacyTrail.map((entry) => entry.actor))).toEqual(new Set([personKey]));

    // The card settings: a new request's card is drawn in the language kept on the person row.
    const third = await requestAdviser(bot, thirdResearcher, { asks: { topic: 'research-integrity' } });
    await bot.app.outbox.runDueJobs();
    const thirdCard = new Conversation(bot, counsellor).proactiveCards().find((card) => JSON.stringify(card).includes(third.code));
    expect(cardText({ card: thirdCard })).toContain('Claim');
    expect(cardText({ card: thirdCard })).not.toContain('Oppakken');

    // The card record: the claim redraws the card the counsellor has, it posts no second one.
    const postedBeforeClaim = counsellorCalls().filter((call) => call.method === 'POST').length;
    expect(postedBeforeClaim).toBe(postedBefore + 1); // the third request's card only
    await new Conversation(bot, counsellor).executes('case.claim', { caseId: waiting.caseId });
    await bot.app.outbox.runDueJobs();
    expect(counsellorCalls().filter((call) => call.method === 'POST').length).toBe(postedBeforeClaim);
    expect(counsellorCalls().some((call) => call.method === 'PUT' && call.activity.id === record.activityId)).toBe(true);

    // And each moved to the adviser key as it was used: nothing an adviser has is left under the person key.
    expect(await store.get('conversations', partition, personKey)).toBeUndefined();
    expect((await store.get('conversations', partition, adviserKey))?.value).toEqual(record);
    const preferencesNow = await bot.app.services.preferences.get(personKey);
    expect(preferencesNow).not.toHaveProperty('adviserLocale');
    expect(preferencesNow).not.toHaveProperty('adviserTimeZone');
    expect(await bot.app.services.preferences.getAdviserSettings(adviserKey)).toMatchObject({ adviserLocale: 'nl' });
    expect((await bot.app.audit.forAdviser(counsellor.aadObjectId)).map((entry) => entry.action)).toEqual([
      ...auditBefore.map((entry) => entry.action),
      'cardReceived',
      'claimed',
    ]);
  });

  it('moves whatever an earlier version filed under the person key to the adviser key on the first sweep, without waiting for the case or the adviser to act', async () => {
    const { personKeys } = bot.app.services;
    const { store } = bot.app;
    const personKey = personKeys.keyFor(counsellor.aadObjectId);
    const adviserKey = personKeys.adviserKeyFor(counsellor.aadObjectId);

    // As an earlier version left them: every card record of the counsellor, their audit rows and their settings under the person key.
    const cardPartitions: string[] = [];
    for (const row of await storage.rows(bot)) {
      if (row.table === 'conversations' && row.partitionKey.startsWith('advisorCards:') && row.rowKey === adviserKey) cardPartitions.push(row.partitionKey);
    }
    expect(cardPartitions.length).toBeGreaterThanOrEqual(3);
    for (const partition of cardPartitions) {
      const record = (await store.get('conversations', partition, adviserKey))!.value;
      await store.upsert('conversations', partition, personKey, record);
      await store.delete('conversations', partition, adviserKey);
    }
    const trailBefore = await bot.app.audit.forAdviser(counsellor.aadObjectId);
    for (const day of await store.listPartition('audit', 'days')) {
      for (const row of await store.listPartition<AuditEntry>('audit', day.rowKey)) {
        if (row.value.actor === adviserKey) await store.upsert('audit', day.rowKey, row.rowKey, { ...row.value, actor: personKey });
      }
    }
    const settings = await bot.app.services.preferences.getAdviserSettings(adviserKey);
    await store.delete('preferences', 'adviser', adviserKey);
    await bot.app.services.preferences.update(personKey, settings);
    expect((await storage.rows(bot)).filter((row) => filedUnder(row, personKey) && row.value.includes(counsellor.aadObjectId))).not.toEqual([]);

    await bot.app.runSweep();

    const rows = await storage.rows(bot);
    expect(rows.filter((row) => filedUnder(row, personKey) && row.value.includes(counsellor.aadObjectId))).toEqual([]);
    expect(rows.filter((row) => filedUnder(row, personKey) && /adviserLocale|adviserTimeZone/.test(row.value))).toEqual([]);
    expect(rows.filter((row) => row.table === 'audit' && row.value.includes(personKey))).toEqual([]);
    for (const partition of cardPartitions) expect(await store.get('conversations', partition, adviserKey)).toBeDefined();
    // The same rows, each now under the adviser key (the ones the test before left under the person key too).
    const trailAfter = await bot.app.audit.forAdviser(counsellor.aadObjectId);
    expect(trailAfter.map(({ caseKey, action, at }) => ({ caseKey, action, at }))).toEqual(trailBefore.map(({ caseKey, action, at }) => ({ caseKey, action, at })));
    expect(new Set(trailAfter.map((entry) => entry.actor))).toEqual(new Set([adviserKey]));
    expect(await bot.app.services.preferences.getAdviserSettings(adviserKey)).toEqual(settings);
  });
});
