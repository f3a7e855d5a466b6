import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { requestAdviser } from '../support/handoffRequests';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, Handoff: "presence (where permitted) narrows who is notified"; the Graph permissions
 * table: with Presence.Read.All the bot notifies advisers who are not offline, without it
 * everyone. graphGateway.test.ts maps Graph's presence values; this is what a request does with
 * them, through the real Graph client against the local Graph stand-in.
 */
jest.setTimeout(60_000);

const GRAPH_TOKEN = 'graph-token-for-tests';
const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');

let graph: LocalGraph;
let bot: RunningBot;
const clock = new TestClock('2026-11-24T09:00:00Z');

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  graph.seedGroup('advisors-group', [
    { id: femke.aadObjectId, displayName: femke.name, mail: femke.email },
    { id: joost.aadObjectId, displayName: joost.name, mail: joost.email },
  ]);
  bot = await startBot(
    { ADVISOR_GROUP_ID: 'advisors-group', ...graph.botSettings() },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const adviser of [femke, joost]) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

async function notifiedFor(requesterName: string): Promise<{ feed: string[]; cards: string[] }> {
  const { code } = await requestAdviser(bot, teamsUser(requesterName, 'nl-NL'), { message: 'Mijn leidinggevende schreeuwt tegen mij' });
  await bot.app.outbox.runDueJobs();
  const feed = graph
    .deliveredNotifications()
    .filter((notification) => notification.templateParameters.caseCode === code)
    .flatMap((notification) => notification.recipientUserIds);
  const cards = [femke, joost].filter((adviser) => new Conversation(bot, adviser).proactiveCards().some((card) => JSON.stringify(card).includes(code)));
  return { feed: feed.sort(), cards: cards.map((adviser) => adviser.aadObjectId).sort() };
}

it('notifies only the advisers who are not offline', async () => {
  graph.setPresence(femke.aadObjectId, 'Available');
  graph.setPresence(joost.aadObjectId, 'Offline');
  expect(await notifiedFor('Noor El Amrani')).toEqual({ feed: [femke.aadObjectId], cards: [femke.aadObjectId] });
});

it('notifies everyone when everyone is offline, rather than no one', async () => {
  graph.setPresence(femke.aadObjectId, 'Offline');
  graph.setPresence(joost.aadObjectId, 'Offline');
  const everyone = [femke.aadObjectId, joost.aadObjectId].sort();
  expect(await notifiedFor('Daan Kok')).toEqual({ feed: everyone, cards: everyone });
});
