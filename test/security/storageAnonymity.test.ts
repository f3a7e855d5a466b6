import { createHash, randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { azureTablesText, sqliteFileText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "Anonymous means anonymous, also to someone who can read the database." Named and anonymous
 * handoffs run through the bot over HTTP; then every stored byte is searched for the requesters'
 * identities: the SQLite file with its -wal and -shm, and every entity of every table in Azurite.
 * A plain sha256 of an id counts as the id: anyone with a list of object ids can compute it.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every form in which a person's identity could sit in storage. */
function identityForms(person: TeamsUser): string[] {
  const forms = [person.id, person.aadObjectId, person.name, person.email];
  for (const id of [person.id, person.aadObjectId]) {
    forms.push(sha256(id), sha256(`person:${id}`), sha256(`person:${id}`).slice(0, 40));
  }
  return forms;
}

interface StorageUnderTest {
  readonly name: string;
  settings(): Record<string, string>;
  /** Everything stored, as text to search. */
  everyStoredByte(bot: RunningBot): Promise<string>;
}

function sqliteStorage(): StorageUnderTest {
  return {
    name: 'SQLite (file, -wal and -shm)',
    settings: () => ({}),
    everyStoredByte: async (bot) => sqliteFileText(bot),
  };
}

function azuriteStorage(azurite: () => RunningAzurite): StorageUnderTest {
  const prefix = `s${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  return {
    name: 'Azure Tables (every table in the account)',
    settings: () => ({ STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite().connectionString, AZURE_TABLES_PREFIX: prefix }),
    everyStoredByte: () => azureTablesText(azurite().connectionString),
  };
}

let azurite: RunningAzurite | undefined;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

describe.each([sqliteStorage(), azuriteStorage(() => azurite!)])('nothing stored names a requester: $name', (storage) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  const adviser = teamsUser('Hanneke Jacobs', 'nl-NL');
  const anonymous = teamsUser('Noor El Amrani', 'en-GB');
  const named = teamsUser('Bram Veenstra', 'en-GB');
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot({ ...storage.settings(), LOCAL_ADVISORS: `${adviser.aadObjectId}:Hanneke Jacobs` }, { clock, runBackgroundWork: false });
    await new Conversation(bot, adviser).installs();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function claimedRequest(person: TeamsUser, mode: 'named' | 'anonymous'): Promise<string> {
    await new Conversation(bot, person).installs();
    const { caseId } = await requestAdviser(bot, person, { asks: 'I need to talk to a confidential adviser', mode, message: 'About my supervisor, on ward 4' });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    return caseId;
  }

  it('holds no trace of an anonymous requester, through a whole relayed conversation', async () => {
    const caseId = await claimedRequest(anonymous, 'anonymous');
    const [receipt] = await new Conversation(bot, anonymous).says('Can we talk tomorrow after my shift?');
    expect(cardText(receipt)).toContain('Sent to your adviser');
    await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: 'Yes, 17:30 works for me.' });
    await bot.app.outbox.runDueJobs();
    // The relay worked both ways, so the conversation reference was there to use.
    expect(cardText({ card: new Conversation(bot, anonymous).proactiveCards().at(-1) })).toContain('17:30');

    const stored = await storage.everyStoredByte(bot);
    expect(stored).toContain(caseId); // the scan does see what the bot stored
    expect(identityForms(anonymous).filter((form) => stored.includes(form))).toEqual([]);
  });

  it("keeps a named requester's name only while the case needs it, and no id of theirs beyond the case", async () => {
    const caseId = await claimedRequest(named, 'named');
    const whileOpen = await storage.everyStoredByte(bot);
    // The adviser needs the name of someone who chose to be named; the Teams 29: id is never needed.
    expect(whileOpen).toContain(named.name);
    expect(whileOpen).not.toContain(named.id);
    expect(identityForms(named).slice(4).filter((form) => whileOpen.includes(form))).toEqual([]);

    await new Conversation(bot, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    await bot.app.outbox.runDueJobs();
    clock.advanceDays(bot.app.services.content.organisation.retention.caseContentDays + 1);
    await bot.app.runSweep();

    const afterRetention = await storage.everyStoredByte(bot);
    expect(afterRetention).toContain(caseId);
    expect(identityForms(named).filter((form) => afterRetention.includes(form))).toEqual([]);
    expect(identityForms(anonymous).filter((form) => afterRetention.includes(form))).toEqual([]);
  });
});
