import { randomUUID } from 'node:crypto';
import { startAzurite } from '../support/azurite';
import { killBot, startBotProcess, type BotProcess } from '../support/botProcess';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { LocalConnector } from '../support/localConnector';
import { teamsUser } from '../support/teamsActivities';
import type { RunningBot } from '../support/botHarness';
import { waitFor } from '../support/waitFor';

/**
 * Two bot processes share one Azure Table Storage (Azurite): each request reaches every
 * advisor once, and when two advisors claim at the same moment on different instances,
 * exactly one wins.
 */
jest.setTimeout(150_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const requesters = Array.from({ length: 5 }, (_, index) => teamsUser(`Aanvrager ${index + 1}`, 'nl-NL'));

let azurite: Awaited<ReturnType<typeof startAzurite>>;
let connector: LocalConnector;
const bots: BotProcess[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await new LocalConnector().start();
  const environment = {
    STORAGE: 'azure-tables',
    AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
    AZURE_TABLES_PREFIX: `t${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser;${joost.aadObjectId}:Joost Mulder`,
    OUTBOX_POLL_MS: '150',
  };
  bots.push(...(await Promise.all([startBotProcess(environment), startBotProcess(environment)])));
});
afterAll(async () => {
  await Promise.all(bots.map((bot) => killBot(bot)));
  await connector.stop();
  await azurite.stop();
});

const via = (bot: BotProcess) => ({ messagesUrl: bot.messagesUrl, connector }) as unknown as RunningBot;

it('hands each case to exactly one advisor, with cards delivered once', async () => {
  const [first, second] = bots;
  await new Conversation(via(first), femke).installs();
  await new Conversation(via(second), joost).installs();

  const caseIds: string[] = [];
  for (const [index, user] of requesters.entries()) {
    caseIds.push((await requestAdviser(via(bots[index % 2]!), user, { asks: 'vertrouwenspersoon' })).caseId);
  }

  const claimCards = (advisor: typeof femke) =>
    connector.calls.filter((call) => call.conversationId === advisor.conversationId && call.method === 'POST' && JSON.stringify(call.activity).includes('case.claim'));
  await waitFor(() => claimCards(femke).length >= caseIds.length && claimCards(joost).length >= caseIds.length, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(claimCards(femke)).toHaveLength(caseIds.length);
  expect(claimCards(joost)).toHaveLength(caseIds.length);

  for (const caseId of caseIds) {
    const [femkeSees, joostSees] = await Promise.all([
      new Conversation(via(first), femke).executes('case.claim', { caseId }),
      new Conversation(via(second), joost).executes('case.claim', { caseId }),
    ]);
    // One card names its own claimer; the other adviser learns only that a colleague has it.
    const seen = [cardText({ card: femkeSees }), cardText({ card: joostSees })];
    const winners = seen.map((text) => /Opgepakt door (Femke Visser|Joost Mulder) om/.exec(text)?.[1]).filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(seen.filter((text) => text.includes('Opgepakt door een collega'))).toHaveLength(1);
  }
});
