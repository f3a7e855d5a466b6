import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 28. "Never lose a request ... survives Graph throttling": the outbox waits for
 * whatever Retry-After says, without an upper bound (src/outbox/retryAfter.ts, outbox.ts
 * recordFailure). One 429 on the feed notification with a Retry-After of a week (a proxy, a
 * misconfigured gateway, an HTTP date far ahead) holds the advisers' case cards, which wait in the
 * same job behind it, for that week; the first retry after it comes past the job's seven-day
 * give-up age.
 */

const GRAPH_TOKEN = 'graph-token-for-tests';
const femke = teamsUser('Femke Dijkstra', 'nl-NL');
const joost = teamsUser('Joost Kuipers', 'nl-NL');
const requester = teamsUser('Julia Hoekstra', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  graph.seedGroup('advisors-group', [
    { id: femke.aadObjectId, displayName: femke.name, mail: femke.email },
    { id: joost.aadObjectId, displayName: joost.name, mail: joost.email },
  ]);
  bot = await startBot(
    {
      ADVISOR_GROUP_ID: 'advisors-group',
      PROGRAMME_GROUP_ID: 'advisors-group',
      ...graph.botSettings(),
    },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const adviser of [femke, joost]) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('posts the case cards within the hour when Graph once asks to retry after a week', async () => {
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status: 429, retryAfterSeconds: 7 * 24 * 3600 }]);
  const conversation = new Conversation(bot, requester);
  const [consent] = await conversation.says('vertrouwenspersoon');
  const send = consent.card!.actions.find((action: Card) => action.data?.verb === 'handoff.confirm').data;
  const [confirmation] = await conversation.submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false' });
  const code = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(cardText(confirmation))![0];

  for (let minute = 0; minute < 60; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }
  const cardsWithCode = [femke, joost].map(
    (adviser) => new Conversation(bot, adviser).proactiveCards().filter((card) => JSON.stringify(card).includes(code)).length,
  );
  expect(cardsWithCode).toEqual([1, 1]);
});
