import type { RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "Never lose a request ... survives Graph throttling": the advisers' case cards do not wait on the activity-feed
 * notification. A feed refused for good (403: TeamsActivity.Send not consented, or the app not installed for one member of
 * the group; 400: an activity type the tenant's copy of the manifest does not declare) and a 429 whose Retry-After asks for
 * a week (a proxy, a misconfigured gateway, an HTTP date far ahead) once left every adviser without the card until the
 * backup escalation (red team, stop 28). Each test also checks what its fix does beyond the cards: a refusal is logged
 * with its status and the job finishes; the week's Retry-After is capped, so the feed follows within minutes. One adviser
 * who blocked the bot once kept the feed notification and the other cards from everyone (review 2, stop 28).
 */

const femke = teamsUser('Femke Scholten', 'nl-NL');
const joost = teamsUser('Joost Verbeek', 'nl-NL');
const requesters = { 403: teamsUser('Lotte Vermeulen', 'nl-NL'), 400: teamsUser('Sem Huisman', 'nl-NL'), 429: teamsUser('Julia Hoekstra', 'nl-NL') } as const;
const blockedRequester = teamsUser('Daan Mulder', 'nl-NL');
const flakyRequester = teamsUser('Noor Visser', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke, joost] },
    { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group' },
    clock,
  ));
});
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it.each([403, 400] as const)('posts the case card to every adviser when Graph refuses the feed notification with %i, and finishes the job', async (status) => {
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status }]);
  const code = await requestCode(requesters[status]);
  for (let minute = 0; minute < 10; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }
  expect(cardsWithCode(code)).toEqual([1, 1]);
  // Refused for good: logged with its status, not retried, and the job done rather than dead-lettered.
  expect(feedNotificationsFor(code)).toBe(0);
  expect(graph.callsTo('/teamwork/sendActivityNotificationToRecipients').filter((call) => call.status === status)).toHaveLength(1);
  expect(bot.logs.some((line) => line.includes('"feedNotificationRefused"') && line.includes(`"statusCode":${status}`))).toBe(true);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
});

it('posts the case cards at once and notifies the feed within minutes when Graph once asks to retry after a week', async () => {
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ status: 429, retryAfterSeconds: 7 * 24 * 3600 }]);
  const code = await requestCode(requesters[429]);
  await bot.app.outbox.runDueJobs();
  expect(cardsWithCode(code)).toEqual([1, 1]);
  expect(feedNotificationsFor(code)).toBe(0);

  // The week is capped at ten minutes (MAX_RETRY_AFTER_MS): not before, and by minute 11.
  for (let minute = 1; minute <= 11; minute += 1) {
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
    if (minute < 10) expect(feedNotificationsFor(code)).toBe(0);
  }
  expect(feedNotificationsFor(code)).toBe(1);
  expect(cardsWithCode(code)).toEqual([1, 1]);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
});

/** Sends a named request for `requester` and returns its code. */
async function requestCode(requester: ReturnType<typeof teamsUser>): Promise<string> {
  return (await requestAdviser(bot, requester, { mode: 'named' })).code;
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
