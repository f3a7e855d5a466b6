import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "Never lose a request ... survives Graph throttling": the advisers' case cards do not wait on the activity-feed
 * notification. A feed refused for good (403: TeamsActivity.Send not consented, or the app not installed for one member of
 * the group; 400: an activity type the tenant's copy of the manifest does not declare) and a 429 whose Retry-After asks for
 * a week (a proxy, a misconfigured gateway, an HTTP date far ahead) once left every adviser without the card until the
 * backup escalation (red team, stop 28).
 */

const GRAPH_TOKEN = 'graph-token-for-tests';
const femke = teamsUser('Femke Scholten', 'nl-NL');
const joost = teamsUser('Joost Verbeek', 'nl-NL');
const requesters = { 403: teamsUser('Lotte Vermeulen', 'nl-NL'), 400: teamsUser('Sem Huisman', 'nl-NL'), 429: teamsUser('Julia Hoekstra', 'nl-NL') } as const;
const blockedRequester = teamsUser('Daan Mulder', 'nl-NL');
const flakyRequester = teamsUser('Noor Visser', 'nl-NL');
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

it.each([403, 400] as const)('posts the case card to every adviser when Graph refuses the feed notification with %i', async (status) => {
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status }]);
  const conversation = new Conversation(bot, requesters[status]);
  const [consent] = await conversation.says('vertrouwenspersoon');
  const send = consent.card!.actions.find((action: Card) => action.data?.verb === 'handoff.confirm').data;
  const [confirmation] = await conversation.submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false' });
  const code = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(cardText(confirmation))![0];

  for (let minute = 0; minute < 10; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }
  const cardsWithCode = [femke, joost].map(
    (adviser) => new Conversation(bot, adviser).proactiveCards().filter((card) => JSON.stringify(card).includes(code)).length,
  );
  expect(cardsWithCode).toEqual([1, 1]);
});

it('posts the case cards within the hour when Graph once asks to retry after a week', async () => {
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status: 429, retryAfterSeconds: 7 * 24 * 3600 }]);
  const conversation = new Conversation(bot, requesters[429]);
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

/** Sends a named request for `requester` and returns its code. */
async function requestCode(requester: ReturnType<typeof teamsUser>): Promise<string> {
  const conversation = new Conversation(bot, requester);
  const [consent] = await conversation.says('vertrouwenspersoon');
  const send = consent.card!.actions.find((action: Card) => action.data?.verb === 'handoff.confirm').data;
  const [confirmation] = await conversation.submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false' });
  return /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(cardText(confirmation))![0];
}

function cardsWithCode(code: string): number[] {
  return [femke, joost].map((adviser) => new Conversation(bot, adviser).proactiveCards().filter((card) => JSON.stringify(card).includes(code)).length);
}

function feedNotificationsFor(code: string): number {
  return graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code).length;
}

it('notifies the feed and posts the other advisers\' cards when one adviser has blocked the bot, and finishes the job', async () => {
  // Review 2, finding 1: the first card post's 403 once ended the job before Joost's card and before the feed (0 and 0).
  bot.connector.failNext(femke.conversationId, { status: 403 });
  const code = await requestCode(blockedRequester);
  for (let minute = 0; minute < 10; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }
  expect(feedNotificationsFor(code)).toBe(1);
  expect(cardsWithCode(code)).toEqual([0, 1]);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  expect(bot.logs.some((line) => line.includes('"advisorUnreachable"') && line.includes('"statusCode":403'))).toBe(true);
});

it('notifies the feed before retrying a card the connector could not take yet, and posts no card twice', async () => {
  bot.connector.failNext(femke.conversationId, { status: 503 });
  const code = await requestCode(flakyRequester);
  await bot.app.outbox.runDueJobs();
  // The first run: Joost's card and the feed went out, Femke's card waits for the retry.
  expect(feedNotificationsFor(code)).toBe(1);
  expect(cardsWithCode(code)).toEqual([0, 1]);
  for (let minute = 0; minute < 10; minute += 1) {
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
  }
  expect(cardsWithCode(code)).toEqual([1, 1]);
  expect(feedNotificationsFor(code)).toBe(1);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
});
