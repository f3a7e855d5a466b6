import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { azureTablesText, sqliteFileText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * After the retention purge and after "forget me", nothing of a case may remain: not in any
 * row (SQLite and Azure Tables on Azurite), not in the SQLite file or its WAL, and not in
 * the cards already posted to advisers, which the local connector sees replaced.
 */

const adviser = teamsUser('Marloes Brouwer', 'nl-NL');

interface Request {
  readonly person: TeamsUser;
  readonly message: string;
  readonly caseId: string;
  readonly code: string;
}

/** A named request with a message, claimed and closed by the adviser. */
async function closedNamedRequest(bot: RunningBot, person: TeamsUser, message: string): Promise<Request> {
  const { caseId, code } = await requestAdviser(bot, person, { mode: 'named', message });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await new Conversation(bot, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
  await bot.app.outbox.runDueJobs();
  return { person, message, caseId, code };
}

/** What identifies the request: its text, the requester's name, its code, and the case id outside the outbox's delivered keys. */
function tracesOf(request: Request): string[] {
  return [request.message, request.person.name, request.code, request.caseId];
}

type StoredText = () => Promise<string>;


/** The outbox keeps delivered job keys (which hold case ids) for a month; everything else must be free of the case id. */
function withoutDeliveredKeys(stored: string, caseId: string): string {
  // Azure Tables escapes the colon in a row key as "$3A".
  const colon = '(?::|\\$3A)';
  return stored.replaceAll(new RegExp(`${caseId}${colon}(?:notify|(?:refresh|requester|advisor)${colon}\\w+|purgeCards)`, 'g'), '');
}

describe.each([
  ['SQLite (rows, database file and WAL)', 'sqlite'],
  ['Azure Tables (every row on Azurite)', 'azure-tables'],
] as const)('nothing of a case left behind: %s', (_, storage) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;
  let azurite: RunningAzurite | undefined;
  let stored: StoredText;

  beforeAll(async () => {
    let environment: Record<string, string> = {};
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      environment = { STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, AZURE_TABLES_PREFIX: prefix };
      const { connectionString } = azurite;
      stored = () => azureTablesText(connectionString, prefix);
    } else {
      stored = async () => sqliteFileText(bot);
    }
    bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Marloes Brouwer`, ...environment }, { clock, runBackgroundWork: false });
    await new Conversation(bot, adviser).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
  });

  async function expectNoTrace(traces: readonly string[], caseId: string): Promise<void> {
    const everything = withoutDeliveredKeys(await stored(), caseId);
    for (const trace of traces) {
      const found = everything.includes(trace);
      expect({ trace, found }).toEqual({ trace, found: false });
    }
  }

  /** The purged card replaced the adviser's card for this case: code kept, message and name gone. */
  function expectPostedCardPurged(request: Request, since: number): void {
    const updates = bot.connector.calls.slice(since).filter((call) => call.method === 'PUT' && call.conversationId === adviser.conversationId);
    const purged = updates.map((call) => call.activity.attachments[0].content).filter((card) => JSON.stringify(card).includes(request.code));
    expect(purged).toHaveLength(1);
    expect(cardText({ card: purged[0] })).toContain('Alleen de zaakcode blijft staan');
    expect(JSON.stringify(purged[0])).not.toContain(request.message);
    expect(JSON.stringify(purged[0])).not.toContain(request.person.name);
  }

  it('after the retention purge: no row, no byte in the files, and the adviser\'s card replaced', async () => {
    const request = await closedNamedRequest(bot, teamsUser('Ilse Verbeek', 'en-GB'), 'The night-shift coordinator mocks my stutter');
    // The scan has teeth: before the purge the case is there to be found.
    expect((await stored()).includes(request.message)).toBe(true);

    const since = bot.connector.calls.length;
    clock.advanceDays(bot.app.services.content.organisation.retention.caseContentDays + 1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    // The sweep (every minute) also folds what the delivered purge job left into the database.
    await bot.app.runSweep();

    expectPostedCardPurged(request, since);
    // The requester's own chat address stays (until "forget me" or inactivity): it is no part of the case.
    await expectNoTrace(tracesOf(request), request.caseId);
  }, 60_000);

  it('after "forget me": no row, no byte in the files, and the adviser\'s card replaced', async () => {
    const person = teamsUser('Ruben Smeets', 'en-GB');
    const request = await closedNamedRequest(bot, person, 'A patient relative threatened me in the corridor');
    const conversation = new Conversation(bot, person);
    await conversation.says('forget me');
    const since = bot.connector.calls.length;
    const [done] = await conversation.clicks('Yes, forget me');
    expect(cardText(done)).toContain('1 closed request.');
    await bot.app.outbox.runDueJobs();
    await bot.app.runSweep();

    expectPostedCardPurged(request, since);
    await expectNoTrace([...tracesOf(request), person.aadObjectId], request.caseId);
  }, 60_000);
});
